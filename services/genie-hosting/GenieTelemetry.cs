using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Client.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GenieCanvas.Hosting;

/// <summary>
/// OpenTelemetry, after eShop's ServiceDefaults <c>ConfigureOpenTelemetry</c>: traces (the service's own source,
/// outgoing HTTP, NATS.Net) and metrics (the service's meter, HttpClient, NATS.Net), exported by OTLP. Only when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: otherwise nothing is registered, so no ActivitySource or Meter
/// has a listener and instrumentation costs a null check. The other <c>OTEL_*</c> variables (protocol, headers,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, batch delays) are read by the exporter as usual.
/// </summary>
public static class GenieTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <param name="serviceName">The resource's <c>service.name</c>, e.g. "genie-responder".</param>
    /// <param name="source">The service's own ActivitySource and Meter name.</param>
    /// <param name="tracing">More trace instrumentation (the bridge adds ASP.NET Core's).</param>
    /// <param name="metrics">More metrics instrumentation.</param>
    public static IHostApplicationBuilder AddGenieTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        string source,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        if (!IsEnabled(builder.Configuration[EndpointVariable]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(trace =>
            {
                trace.AddSource(source).AddHttpClientInstrumentation().AddNatsClientInstrumentation();
                tracing?.Invoke(trace);
            })
            .WithMetrics(meter =>
            {
                meter.AddMeter(source).AddHttpClientInstrumentation().AddNatsClientInstrumentation();
                metrics?.Invoke(meter);
            })
            .UseOtlpExporter();
        return builder;
    }

    public static bool IsEnabled(string? endpoint) => !string.IsNullOrWhiteSpace(endpoint);
}
