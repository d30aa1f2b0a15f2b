using GenieCanvas.Contracts;
using Microsoft.Extensions.Primitives;

namespace GenieCanvas.Bridge.Hosting;

/// <summary>
/// Gives every request its id (the caller's X-Request-Id when acceptable, else a new one) as
/// <see cref="HttpContext.TraceIdentifier"/>, and puts X-Request-Id and X-Content-Type-Options: nosniff on every response.
/// </summary>
public sealed class ResponseHeadersMiddleware(RequestDelegate next)
{
    private static readonly StringValues NoSniff = new("nosniff");

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[GenieHeaders.RequestId];
        var requestId = RequestId.KeepOrMake(incoming.Count == 1 ? incoming[0] : null);
        context.TraceIdentifier = requestId;
        Apply(context);
        return next(context);
    }

    /// <summary>Sets the headers again, e.g. after the exception handler cleared the response.</summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[GenieHeaders.RequestId] = context.TraceIdentifier;
        headers.XContentTypeOptions = NoSniff;
    }
}
