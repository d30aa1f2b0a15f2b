namespace GenieCanvas.Testing;

/// <summary>
/// The genie responder (services/genie-responder), really started against a NATS server and a Databricks host
/// (normally an <see cref="EmulatorProcess"/>). <paramref name="env"/> of <see cref="StartAsync"/> carries the
/// credentials (DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, ...) and tuning (Responder__TotalBudget, ...).
/// The user's own ~/.databrickscfg is never read: DATABRICKS_CONFIG_FILE points nowhere unless a test sets it.
/// </summary>
public sealed class ResponderProcess : IAsyncDisposable
{
    public const string AssemblyName = "GenieCanvas.Responder";
    public const string ReadyMarker = "Genie responder ready";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private ResponderProcess(ServiceProcess process) => Process = process;

    public ServiceProcess Process { get; }

    /// <summary>Starts the built responder and waits until it logs that its endpoints are subscribed.</summary>
    public static async Task<ResponderProcess> StartAsync(
        string natsUrl, string? databricksHost, IReadOnlyDictionary<string, string?> env)
    {
        var responder = new ResponderProcess(Start(natsUrl, databricksHost, env));
        try
        {
            await responder.Process.WaitForOutputAsync(ReadyMarker, StartTimeout);
        }
        catch
        {
            await responder.DisposeAsync();
            throw;
        }
        return responder;
    }

    /// <summary>Starts the responder without waiting (for tests of start-up failures); the caller disposes it.</summary>
    public static ServiceProcess Start(string natsUrl, string? databricksHost, IReadOnlyDictionary<string, string?> env)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NATS_URL"] = natsUrl,
            ["DATABRICKS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "genie-no-databrickscfg-" + Guid.NewGuid().ToString("N")),
            ["DOTNET_ENVIRONMENT"] = "Testing",
        };
        if (databricksHost is not null)
        {
            environment["DATABRICKS_HOST"] = databricksHost;
        }
        foreach (var (key, value) in env)
        {
            if (value is null)
            {
                environment.Remove(key); // null = "not set", e.g. no DATABRICKS_HOST when a profile supplies it
            }
            else
            {
                environment[key] = value;
            }
        }
        return ServiceProcess.StartDotnet(AssemblyName, environment);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
