using GenieCanvas.Bridge.Api;

namespace GenieCanvas.Bridge.Hosting;

/// <summary>
/// Makes ProblemDetails the framework writes (unhandled exception, 405, …) look like the bridge's own:
/// a <c>code</c> and the <c>requestId</c>, and the response headers the exception handler cleared.
/// </summary>
public static class BridgeProblemDetails
{
    public static void Customize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        context.ProblemDetails.Extensions.TryAdd("code", GenieProblems.CodeFor(status));
        context.ProblemDetails.Extensions["requestId"] = http.TraceIdentifier;
        context.ProblemDetails.Extensions.Remove("traceId");
        if (status >= 500 && context.Exception is not null)
        {
            // Never the exception text: it may hold anything.
            context.ProblemDetails.Detail = "An unexpected error happened in the bridge; it is logged with the request id.";
        }
        ResponseHeadersMiddleware.Apply(http);
    }
}
