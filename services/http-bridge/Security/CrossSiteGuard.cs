using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Security;

/// <summary>
/// Refuses state-changing requests (every method but GET, HEAD, OPTIONS and TRACE: POST, PUT, DELETE, the ask stream…)
/// that another site's page sent: 403 CROSS_SITE_REQUEST, before any endpoint runs, so nothing reaches the bus.
/// Runs before routing decides anything, so it covers routes that do not exist yet.
/// <list type="bullet">
/// <item>An <c>Origin</c> header must be the bridge's own origin or one in Bridge__AllowedOrigins ("null" is refused).</item>
/// <item><c>Sec-Fetch-Site: cross-site</c> is refused unless its Origin is in Bridge__AllowedOrigins (that is what naming
/// an origin means); <c>same-site</c> without an Origin is refused too (another port of the same host is another origin).</item>
/// <item>Neither header (curl, scripts, server-to-server): allowed.</item>
/// </list>
/// </summary>
public sealed partial class CrossSiteGuard(RequestDelegate next, IOptions<BridgeSecurityOptions> options, ILogger<CrossSiteGuard> logger)
{
    private readonly HashSet<string> _allowedOrigins = [.. options.Value.AllowedOriginList.Select(static o =>
        WebOrigin.TryNormalize(o, out var origin) ? origin : throw new InvalidOperationException("validated at start"))];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }
        if (Refusal(request) is { } reason)
        {
            LogRefused(logger, request.Method, reason, context.TraceIdentifier);
            await SecurityProblems.CrossSiteRequest(context).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Why the request is refused (for the log), or null when it may pass.</summary>
    private string? Refusal(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (origins.Count > 1 || fetchSite.Count > 1)
        {
            return "repeated Origin or Sec-Fetch-Site header";
        }
        var site = fetchSite.Count == 1 ? fetchSite[0] : null;
        if (origins.Count == 0)
        {
            return site is null or "same-origin" or "none" ? null : $"Sec-Fetch-Site: {site} without an Origin";
        }
        if (!WebOrigin.TryNormalize(origins[0], out var origin))
        {
            return "an opaque or malformed Origin";
        }
        if (_allowedOrigins.Contains(origin))
        {
            return null;
        }
        if (string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "Sec-Fetch-Site: cross-site";
        }
        return origin == WebOrigin.Of(request) ? null : "a foreign Origin";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cross-site {Method}: {Reason} (request {RequestId})")]
    private static partial void LogRefused(ILogger logger, string method, string reason, string requestId);
}
