using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Configuration;

namespace GenieCanvas.Responder.Hosting;

/// <summary>
/// <c>--print-workspace</c>: whether a Databricks workspace is configured, decided by the responder's own resolver
/// (<see cref="DatabricksConfigResolver"/>), so start.sh asks rather than parsing ~/.databrickscfg a second time.
/// Prints one line, <c>workspace&lt;TAB&gt;where it comes from</c> or <c>demo&lt;TAB&gt;why</c>; never a secret.
/// A workspace that is configured but broken (bad credentials, a named profile missing) counts as configured: the
/// responder itself then refuses to start with the reason.
/// </summary>
public static class PrintWorkspace
{
    public static int Run()
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string? Env(string name) => string.IsNullOrWhiteSpace(environment[name]) ? null : environment[name]!.Trim();
        var configFile = Env("DATABRICKS_CONFIG_FILE") ?? "~/.databrickscfg";

        var options = new DatabricksOptions();
        DatabricksConfigResolver.Resolve(options, environment);
        // The resolver's one "no host anywhere" outcome (its message starts so); every other outcome names a workspace.
        var noHost = options.Host is null && options.Problem?.StartsWith("DATABRICKS_HOST is not set", StringComparison.Ordinal) == true;

        var line =
            Env("DATABRICKS_HOST") is { } host ? $"workspace\tDATABRICKS_HOST={host}"
            : Env("DATABRICKS_CONFIG_PROFILE") is { } profile ? $"workspace\tprofile '{profile}' of {configFile} (DATABRICKS_CONFIG_PROFILE)"
            : noHost ? $"demo\tno DATABRICKS_HOST, no DATABRICKS_CONFIG_PROFILE, no host in {configFile}"
            : options.Host is null ? $"workspace\t{configFile}, which the responder cannot use: {options.Problem}"
            : options.CredentialSource.StartsWith("profile ", StringComparison.Ordinal) ? $"workspace\t{options.CredentialSource} (host {options.Host})"
            : $"workspace\thost {options.Host} from {configFile}";
        Console.WriteLine(line);
        return 0;
    }
}
