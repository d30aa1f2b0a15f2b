using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GenieCanvas.DatabricksEmulator;

/// <summary>A loud line on start, so nobody mistakes the emulator for a real workspace.</summary>
public static class StartupBanner
{
    public static WebApplication LogBannerOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GenieCanvas.DatabricksEmulator");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(unknown address)";
            var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            var catalog = app.Services.GetRequiredService<Fixture.SpaceCatalog>();
            logger.LogInformation(
                "Databricks workspace EMULATOR (not a real workspace) listening on {Url} with {SpaceCount} fixture spaces; OAuth token TTL {TokenTtlSeconds} s",
                url, catalog.Count, options.TokenTtlSeconds);
        });
        return app;
    }
}
