using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.Bridge.Security;

/// <summary>The two refusals of the caller checks, as the bridge's ProblemDetails (code + requestId).</summary>
public static class SecurityProblems
{
    public static ProblemHttpResult HostNotAllowed(HttpContext http) =>
        Create(http, StatusCodes.Status421MisdirectedRequest, AccessErrorCodes.HostNotAllowed, "Host not allowed",
            "This server answers only requests addressed to its own name (127.0.0.1, localhost or [::1] with its port, "
            + $"or a name in Bridge__AllowedHosts). Open the app at its own address, e.g. http://127.0.0.1:{http.Connection.LocalPort}.");

    public static ProblemHttpResult CrossSiteRequest(HttpContext http) =>
        Create(http, StatusCodes.Status403Forbidden, AccessErrorCodes.CrossSiteRequest, "Cross-site request refused",
            $"{http.Request.Method} requests are accepted only from GenieCanvas' own page (or an origin in Bridge__AllowedOrigins), "
            + "and from tools that send no Origin header (curl, scripts).");

    private static ProblemHttpResult Create(HttpContext http, int status, string code, string title, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["requestId"] = http.TraceIdentifier });
}
