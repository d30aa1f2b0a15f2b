using GenieCanvas.Contracts;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// The one result type of the responder: what a request is answered with. A success carries the reply bytes; an error
/// its status (from the contract's table, <see cref="GenieErrors"/>), stable code and a message for a person. Both
/// carry the last Databricks status seen, for the request's log line.
/// </summary>
public sealed record Outcome(
    int Status,
    string Code,
    string Message,
    ReadOnlyMemory<byte> Reply = default,
    int? RetryAfterSeconds = null,
    int? UpstreamStatus = null)
{
    public const string OkCode = "OK";

    public bool IsSuccess => Status < 400;

    /// <summary>Members beside <c>error</c> in the error body (e.g. <c>deploy</c> of DEPLOY_INCOMPLETE); null for most errors.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? ErrorExtensions { get; init; }

    public static Outcome Ok(ReadOnlyMemory<byte> reply, int? upstreamStatus = null) =>
        new(200, OkCode, string.Empty, reply, null, upstreamStatus);

    /// <summary>An error with the status the contract gives <paramref name="code"/>.</summary>
    public static Outcome Error(string code, string message, int? upstreamStatus = null, int? retryAfterSeconds = null) =>
        new(GenieErrors.StatusOf(code), code, message, default, retryAfterSeconds, upstreamStatus);

    public static Outcome Invalid(string message) => Error(GenieErrorCodes.InvalidRequest, message);
}

/// <summary>
/// Ends an operation with an error outcome from deep inside (the Databricks client, a shared call): the dispatcher
/// replies with <see cref="Outcome"/>. Expected failures only; a bug is any other exception (500 INTERNAL).
/// </summary>
public sealed class OutcomeException(Outcome outcome) : Exception(outcome.Message)
{
    public Outcome Outcome { get; } = outcome;
}
