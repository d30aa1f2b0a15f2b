using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Body of every error reply on the bus: <c>{"error": {"code", "message", "request_id"}}</c>. An operation may add
/// members beside <c>error</c> (<see cref="Extensions"/>, e.g. <c>deploy</c> of DEPLOY_INCOMPLETE); the bridge passes
/// them on as ProblemDetails extensions.
/// </summary>
public sealed record ErrorReply
{
    public ErrorReply(ErrorDetail error) => Error = error;

    // Extension data cannot be read through a constructor: the serializer fills the properties instead.
    [JsonConstructor]
    public ErrorReply()
    {
    }

    [JsonPropertyName("error")] public ErrorDetail Error { get; set; } = null!;

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extensions { get; set; }
}

/// <summary>The error itself; <see cref="Code"/> is one of <see cref="GenieErrorCodes"/>.</summary>
public sealed record ErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds = null);
