using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace GenieCanvas.Hosting;

/// <summary>
/// The one start-up wrapper of every GenieCanvas service: a bootstrap logger first (so a failure before the host is
/// built is still logged), then <paramref name="run"/>. A configuration that cannot work is one line naming every bad
/// setting, exit code 2; any other failure is logged with its exception, exit code 1.
/// </summary>
public static class GenieHost
{
    public const int ConfigurationExitCode = 2;

    /// <param name="service">The service's name in log lines, e.g. "Genie responder".</param>
    /// <param name="run">Builds the host, calls <see cref="ValidateSettings"/> and runs it until shutdown.</param>
    /// <param name="cannotStart">The headline of the one-line configuration report; "{service} cannot start" by default.</param>
    public static async Task<int> RunAsync(string service, Func<Task> run, string? cannotStart = null)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.Console()
            .CreateBootstrapLogger();
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (ConfigurationProblems.TryDescribe(e, out var problems))
        {
            Log.Fatal("{CannotStart}: {Problems}", cannotStart ?? service + " cannot start", problems);
            return ConfigurationExitCode;
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            Log.Fatal(e, "{Service} terminated unexpectedly", service);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>
    /// Runs every ValidateOnStart check now, together, so one report names all of them (resolving services would
    /// otherwise stop at the first options type read).
    /// </summary>
    public static void ValidateSettings(this IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();
}
