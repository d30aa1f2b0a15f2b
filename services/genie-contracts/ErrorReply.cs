using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Body of every error reply on the bus: <c>{"error": {"code", "message", "request_id"}}</c>.</summary>
public sealed record ErrorReply([property: JsonPropertyName("error")] ErrorDetail Error);

/// <summary>The error itself; <see cref="Code"/> is one of <see cref="GenieErrorCodes"/>.</summary>
public sealed record ErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds = null);
