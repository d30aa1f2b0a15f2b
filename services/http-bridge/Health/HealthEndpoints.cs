using GenieCanvas.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GenieCanvas.Bridge.Health;

/// <summary>/health: the process runs (no check). /health/ready: NATS connected and a genie responder answers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(GenieHealth.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
