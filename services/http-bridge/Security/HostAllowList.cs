using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Security;

/// <summary>
/// Refuses, before any endpoint runs, every request whose Host is not the bridge's own: 127.0.0.1, localhost or [::1]
/// with the port the request came in on (or none), or a name in Bridge__AllowedHosts. A DNS-rebinding page (evil.example
/// re-resolved to 127.0.0.1) sends Host: evil.example and gets 421 HOST_NOT_ALLOWED, /health included, so it can read
/// nothing. ASP.NET Core's own host filtering is not used: it ignores ports and answers a bare 400 without our ProblemDetails.
/// </summary>
public sealed partial class HostAllowList(RequestDelegate next, IOptions<BridgeSecurityOptions> options, ILogger<HostAllowList> logger)
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private readonly HostPattern[] _configured = [.. options.Value.AllowedHostList.Select(static h =>
        HostPattern.TryParse(h, out var pattern, out _) ? pattern : throw new InvalidOperationException("validated at start"))];

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsAllowed(context))
        {
            await next(context);
            return;
        }
        var host = context.Request.Host.Value ?? "";
        LogRefused(logger, host.Length > 100 ? host[..100] : host, context.TraceIdentifier);
        await SecurityProblems.HostNotAllowed(context).ExecuteAsync(context);
    }

    private bool IsAllowed(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue)
        {
            return false;
        }
        // With a port, it must be ours. Without one it passes: local tools write it so (start.sh's readiness probe
        // sends "Host: 127.0.0.1"), and a browser leaves the port out only for the default port it connected to.
        if (LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase)
            && (host.Port is null || host.Port == context.Connection.LocalPort))
        {
            return true;
        }
        foreach (var pattern in _configured)
        {
            if (pattern.Matches(host))
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request for host {Host} (not in the allow-list; see Bridge__AllowedHosts) (request {RequestId})")]
    private static partial void LogRefused(ILogger logger, string host, string requestId);
}
