namespace GenieCanvas.Contracts;

/// <summary>
/// The status ↔ code ↔ title table of DESIGN.md: the responders reply with these statuses and codes, the bridge's
/// ProblemDetails take their titles from here, and a status that came without a code gets one from here. A new error
/// code is one constant in <see cref="GenieErrorCodes"/> and one row here.
/// </summary>
public static class GenieErrors
{
    /// <summary>One row of the table: the status a code is normally sent with, and the ProblemDetails title.</summary>
    public sealed record Entry(string Code, int Status, string Title);

    private static readonly Entry[] Table =
    [
        new(GenieErrorCodes.InvalidRequest, 400, "Invalid request"),
        new(GenieErrorCodes.NotFound, 404, "Not found"),
        new(GenieErrorCodes.PermissionDenied, 403, "No permission in Databricks"),
        new(GenieErrorCodes.RateLimited, 429, "Rate limited by Databricks"),
        new(GenieErrorCodes.UpstreamAuth, 502, "Databricks rejected the credentials"),
        new(GenieErrorCodes.UpstreamError, 502, "Databricks error"),
        new(GenieErrorCodes.UpstreamTimeout, 504, "Databricks did not answer in time"),
        new(GenieErrorCodes.Internal, 500, "Internal error"),
        new(GenieErrorCodes.GenieFailed, 502, "Genie could not answer"),
        new(GenieErrorCodes.AskTimeout, 504, "Genie did not answer in time"),
        new(GenieErrorCodes.AskCancelled, 499, "Ask cancelled by the caller"),
        new(GenieErrorCodes.AlreadyExists, 409, "Already exists"),
        new(GenieErrorCodes.DeployIncomplete, 502, "Deploy incomplete"),
        new(GenieErrorCodes.Saturated, 503, "Genie responder is busy"),
        new(GenieErrorCodes.ServiceUnavailable, 503, "No Genie responder available"),
        new(GenieErrorCodes.ResponderTimeout, 503, "Genie responder timed out"),
        new(GenieErrorCodes.BusUnavailable, 503, "Message bus unavailable"),
    ];

    private static readonly Dictionary<string, Entry> ByCode = Table.ToDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>The row of a code, or null for a code this version does not know (e.g. from a newer responder).</summary>
    public static Entry? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The status a code is sent with (500 for an unknown code).</summary>
    public static int StatusOf(string code) => Find(code)?.Status ?? 500;

    /// <summary>The ProblemDetails title of a code; null when the code is unknown (the caller uses the reason phrase).</summary>
    public static string? TitleOf(string code) => Find(code)?.Title;

    /// <summary>The stable code for a status that came without one (e.g. a 404 of the router, a 405).</summary>
    public static string CodeFor(int status) => status switch
    {
        404 => GenieErrorCodes.NotFound,
        429 => GenieErrorCodes.RateLimited,
        502 => GenieErrorCodes.UpstreamError,
        503 => GenieErrorCodes.ServiceUnavailable,
        504 => GenieErrorCodes.UpstreamTimeout,
        >= 400 and < 500 => GenieErrorCodes.InvalidRequest,
        _ => GenieErrorCodes.Internal,
    };
}
