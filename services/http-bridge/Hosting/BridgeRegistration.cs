using System.Net;
using GenieCanvas.Bridge.Api;
using GenieCanvas.Bridge.Bus;
using GenieCanvas.Bridge.Health;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Bridge.Security;
using Microsoft.Extensions.Options;
using GenieCanvas.Hosting;

namespace GenieCanvas.Bridge.Hosting;

/// <summary>Everything the bridge registers, and its middleware pipeline, in one place.</summary>
public static class BridgeRegistration
{
    public static WebApplicationBuilder AddBridge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddGenieOptions<BridgeOptions>(BridgeOptions.Section);
        services.AddSingleton<IConfigureOptions<BridgeOptions>, BridgeOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<BridgeOptions>, BridgeOptionsSetup>();
        services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();

        services.AddSingleton<BusConnectionWatch>();
        services.AddHostedService<BusConnector>();
        services.AddSingleton<BusForwarder>();
        services.AddSingleton<AskForwarder>();
        services.AddSingleton<ResponderDirectory>();

        services.AddSingleton<ResponderCheck>();
        services.AddHealthChecks()
            .AddCheck<ResponderCheck>("genie-responders", tags: [GenieHealth.Ready]); // "nats" comes with AddGenieBus

        builder.AddBridgeSecurity(); // Host allow-list, cross-site guard, CORS for Bridge__AllowedOrigins only
        services.AddProblemDetails(options => options.CustomizeProblemDetails = BridgeProblemDetails.Customize);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BridgeJsonContext.Default));

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // This runs inside builder.Build(), before the host's own ValidateOnStart and before any other reader:
            // check every setting now, so a bad configuration is reported whole (not only BridgeOptions' part).
            kestrel.ApplicationServices.ValidateSettings();
            var bridge = kestrel.ApplicationServices.GetRequiredService<IOptions<BridgeOptions>>().Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = bridge.MaxRequestBodyBytes;
            // 127.0.0.1:BRIDGE_PORT, unless --urls / ASPNETCORE_URLS names the addresses explicitly.
            if (string.IsNullOrEmpty(context.Configuration[WebHostDefaults.ServerUrlsKey]))
            {
                kestrel.Listen(IPAddress.Loopback, bridge.Port);
            }
        });
        return builder;
    }

    public static WebApplication UseBridgePipeline(this WebApplication app)
    {
        app.UseMiddleware<ResponseHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBridgeRequestLogging();
        app.UseBridgeSecurity(); // security headers, then Host and Origin checks before any endpoint runs
        return app;
    }
}
