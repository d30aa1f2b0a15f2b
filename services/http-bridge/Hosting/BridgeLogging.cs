using Serilog;
using Serilog.Events;

namespace GenieCanvas.Bridge.Hosting;

/// <summary>The bridge's request log line (Serilog itself is set up by GenieCanvas.Hosting).</summary>
public static class BridgeLogging
{
    /// <summary>One line per request: method, path, status, duration and request id (no query string, no headers).</summary>
    public static IApplicationBuilder UseBridgeRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms (request {RequestId})";
            options.EnrichDiagnosticContext = static (diagnostics, http) => diagnostics.Set("RequestId", http.TraceIdentifier);
            options.GetLevel = static (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 && http.Response.StatusCode != 503 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
}
