namespace GenieCanvas.Contracts;

/// <summary>Stable error codes: on the bus (error body) and over HTTP (ProblemDetails <c>code</c>).</summary>
public static class GenieErrorCodes
{
    // Replied by the responder.
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string NotFound = "NOT_FOUND";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string RateLimited = "RATE_LIMITED";
    public const string UpstreamAuth = "UPSTREAM_AUTH";
    public const string UpstreamError = "UPSTREAM_ERROR";
    public const string UpstreamTimeout = "UPSTREAM_TIMEOUT";
    public const string Internal = "INTERNAL";
    /// <summary>Every request slot of the responder is busy: answered at once, with Retry-After.</summary>
    public const string Saturated = "SATURATED";

    // genie.ask (v2).
    public const string GenieFailed = "GENIE_FAILED";
    public const string AskTimeout = "ASK_TIMEOUT";

    /// <summary>The caller went away and cancelled the ask (only ever seen in logs: nobody is listening).</summary>
    public const string AskCancelled = "ASK_CANCELLED";

    // agents.supervisor.deploy (v2).
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string DeployIncomplete = "DEPLOY_INCOMPLETE";

    // Raised by the bridge when the bus itself fails.
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string ResponderTimeout = "RESPONDER_TIMEOUT";
    public const string BusUnavailable = "BUS_UNAVAILABLE";
}
