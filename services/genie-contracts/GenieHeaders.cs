namespace GenieCanvas.Contracts;

/// <summary>Header names carried on bus requests and replies.</summary>
public static class GenieHeaders
{
    /// <summary>Correlation id: set by the bridge (from HTTP or made), logged and echoed by the responder.</summary>
    public const string RequestId = "X-Request-Id";

    /// <summary>W3C trace context, passed through where present.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>NATS micro-service error headers (what the nats CLI shows).</summary>
    public const string ServiceError = "Nats-Service-Error";
    public const string ServiceErrorCode = "Nats-Service-Error-Code";

    /// <summary>The event a message of a streamed reply carries (v2 genie.ask: status, answer, error).</summary>
    public const string Event = "Genie-Event";

    /// <summary>
    /// On each status event of a streamed reply: the id of the responder instance (its NATS micro service id) answering it, so
    /// the requester can ask that one (<c>$SRV.PING.genie.&lt;id&gt;</c>) whether it is still there while the stream is
    /// quiet. Additive: a requester that does not know it loses nothing.
    /// </summary>
    public const string Responder = "Genie-Responder";

    /// <summary>Seconds to wait before retrying, on RATE_LIMITED replies.</summary>
    public const string RetryAfter = "Retry-After";
}
