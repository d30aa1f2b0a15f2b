using GenieCanvas.Bridge.Api;
using GenieCanvas.Bridge.Frontend;
using GenieCanvas.Bridge.Health;
using GenieCanvas.Bridge.Hosting;
using GenieCanvas.Hosting;
using GenieCanvas.Hosting.Bus;

// The HTTP side of GenieCanvas: HTTP calls become NATS requests to the genie responders (../../../shared/DESIGN.md).
return await GenieHost.RunAsync("Bridge", async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddGenieLogging();                 // Serilog from appsettings
    builder.AddGenieBus("genie-http-bridge");  // NATS_* settings, the connection, the nats health check
    builder.AddBridge();                       // options, Kestrel on 127.0.0.1:BRIDGE_PORT (checks every setting), responder check, ProblemDetails

    var app = builder.Build();
    app.UseBridgePipeline(); // errors as ProblemDetails, X-Request-Id + nosniff, request logging
    app.MapHealth();         // /health, /health/ready
    app.MapGenieApi();       // /api/genie/get, /api/genie/spaces, /api/genie/status, /api/genie/ask
    app.MapConfigApi();      // /api/config
    app.MapNotFoundApi();    // any other /api/* or /health/*: 404 ProblemDetails, never the SPA
    app.MapFrontend();       // frontend/dist with SPA fallback, or a "not built yet" page

    await app.RunAsync();
}, cannotStart: "The bridge's configuration is invalid");
