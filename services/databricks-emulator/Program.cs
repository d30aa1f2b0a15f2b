using GenieCanvas.DatabricksEmulator;
using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Agents;
using GenieCanvas.DatabricksEmulator.Auth;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Genie;
using GenieCanvas.DatabricksEmulator.Workspace;
using Serilog;

// Stage one: a bootstrap logger, so a failure before the host is built is still logged.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    // Content root = the dll's folder, so appsettings.json is found whatever the working directory.
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddDatabricksEmulator();

    var app = builder.Build();
    // Load the demo warehouse (SQLite, ~600 KB of SQL) before listening: loaded on first use it made the first ask or
    // table browse wait seconds, longer than a responder's attempt timeout.
    app.Services.GetRequiredService<AnswerBook>();
    app.UseEmulatorRequestLogging();
    app.UseRouting();
    app.UseDatabricksGate();      // count → injected faults → bearer auth, for /api and /oidc only
    app.MapDatabricksApi();
    app.MapConversationApi();
    app.MapCreateSpaceApi();
    app.MapWorkspaceApi();
    app.MapSupervisorApi();
    app.MapOAuthApi();
    app.MapAdminApi();
    app.LogBannerOnStart();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Databricks emulator terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
