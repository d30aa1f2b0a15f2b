namespace GenieCanvas.Responder.Genie;

/// <summary>An error reply: NATS micro status (the HTTP-like number), stable code, message for a person.</summary>
public sealed record GenieError(int Status, string Code, string Message, int? RetryAfterSeconds = null);
