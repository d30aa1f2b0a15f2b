using GenieCanvas.Bridge.Api;
using GenieCanvas.Bridge.Flows;
using GenieCanvas.Bridge.Frontend;
using GenieCanvas.Bridge.Health;
using GenieCanvas.Bridge.Hosting;
using Serilog;

// The HTTP side of GenieCanvas: HTTP calls become NATS requests to the genie responders (../../../shared/DESIGN.md).
Log.Logger = BridgeLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddBridge(); // options, Serilog, Kestrel on 127.0.0.1:BRIDGE_PORT, NATS, health checks, ProblemDetails
    builder.Services.AddFlows(); // the flows store (JetStream KV genie_flows) on the bridge's NATS connection

    var app = builder.Build();
    app.UseBridgePipeline(); // errors as ProblemDetails, X-Request-Id + nosniff, request logging
    app.MapHealth();         // /health, /health/ready
    app.MapGenieApi();       // /api/genie/get, /api/genie/spaces, /api/genie/status
    app.MapConfigApi();      // /api/config
    app.MapFlowsApi();       // /api/flows, /api/flows/{name}
    app.MapNotFoundApi();    // any other /api/* or /health/*: 404 ProblemDetails, never the SPA
    app.MapFrontend();       // frontend/dist with SPA fallback, or a "not built yet" page

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationErrors.TryGetFailures(ex, out var problems))
{
    Log.Fatal("The bridge's configuration is invalid: {Problems}", string.Join(" ", problems));
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Bridge terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
