using Microsoft.Extensions.Hosting;
using Serilog;

namespace GenieCanvas.Hosting;

/// <summary>Serilog, stage two: the real logger from the <c>Serilog</c> section of appsettings (sinks live there only).</summary>
public static class GenieLogging
{
    public static IHostApplicationBuilder AddGenieLogging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .Enrich.With<RequestContextEnricher>() // {RequestContext} in the console template: request id and trace id
            // A configuration problem is reported once, as one line, by GenieHost; not again with a stack trace by the host.
            .Filter.ByExcluding(e => ConfigurationProblems.Is(e.Exception)));
        return builder;
    }
}
