using GenieCanvas.Hosting;
using GenieCanvas.Hosting.Bus;
using GenieCanvas.Responder.Hosting;

// The genie responder: NATS micro services (genie.get, genie.list) answered from Databricks (../../../shared/DESIGN.md).
return await GenieHost.RunAsync("Genie responder", async () =>
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory, // appsettings.json sits next to the dll, wherever it is started from
    });
    builder.AddGenieLogging();                 // Serilog from appsettings
    builder.AddGenieBus("genie-responder");    // NATS_* settings, the connection, the nats health check
    builder.AddGenieResponder();               // options, Databricks client, the bus operations (Operations/)

    using var host = builder.Build();
    host.Services.ValidateSettings();          // every bad setting in one line, exit 2
    await host.RunAsync();
});
