using GenieCanvas.Responder.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

if (args is ["--print-workspace"]) return PrintWorkspace.Run(); // start.sh: demo mode or a workspace (no host is started)

// Stage one: a bootstrap logger, so a failure before the host is built is still one readable line.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory, // appsettings.json sits next to the dll, wherever it is started from
    });
    builder.AddGenieResponder();

    using var host = builder.Build();
    // Every ValidateOnStart check now, together: building the services would stop at the first options type they read.
    host.Services.GetService<IStartupValidator>()?.Validate();
    await host.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationProblem.TryDescribe(e, out var problem))
{
    // Missing or conflicting configuration (one setting or several): one line naming what to set, no stack trace.
    Log.ForContext("SourceContext", "GenieCanvas.Responder").Fatal("Genie responder cannot start: {Problem}", problem);
    return 2;
}
catch (Exception e)
{
    Log.Fatal(e, "Genie responder terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
