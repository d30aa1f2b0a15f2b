using System.Text.RegularExpressions;

namespace GenieCanvas.Testing;

/// <summary>
/// A throwaway nats-server on loopback (Debian's package, no Docker). The first start takes a random port
/// (<c>-p -1</c> with a ports file); <see cref="RestartAsync"/> comes back on the same port so clients reconnect.
/// </summary>
public sealed partial class NatsServerProcess : IAsyncDisposable
{
    private readonly string _scratch;
    private readonly IReadOnlyList<string> _extraArguments;
    private ServiceProcess _process;

    private NatsServerProcess(string scratch, IReadOnlyList<string> extraArguments, ServiceProcess process, int port)
    {
        _scratch = scratch;
        _extraArguments = extraArguments;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public bool IsRunning => !_process.HasExited;

    public string Output => _process.Output;

    /// <summary>The JetStream store directory when started with <c>jetStream: true</c>, else null.</summary>
    public string? StoreDir { get; private init; }

    public static string Executable { get; } =
        File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server" : "nats-server";

    /// <summary>
    /// Starts a server; <paramref name="extraArguments"/> go after the port flags (e.g. <c>-c file</c>). With
    /// <paramref name="jetStream"/> it runs JetStream (<c>-js -sd</c>) with its store in <see cref="StoreDir"/>, which
    /// <see cref="RestartAsync"/> keeps, so stored data survives a restart.
    /// </summary>
    public static async Task<NatsServerProcess> StartAsync(IEnumerable<string>? extraArguments = null, bool jetStream = false)
    {
        var scratch = Directory.CreateTempSubdirectory("nats-test-").FullName;
        var extra = (extraArguments ?? []).ToList();
        var storeDir = jetStream ? Path.Combine(scratch, "jetstream") : null;
        if (storeDir is not null)
        {
            extra.AddRange(["-js", "-sd", storeDir]);
        }
        var process = ServiceProcess.Start(
            "nats-server", Executable, ["-a", "127.0.0.1", "-p", "-1", "-m", "-1", "--ports_file_dir", scratch, .. extra]);
        var port = await ReadClientPortAsync(process, scratch);
        var server = new NatsServerProcess(scratch, extra, process, port) { StoreDir = storeDir };
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Stops the server (SIGTERM, as an operator would).</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>Kills the server at once.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Starts the server again on the same port.</summary>
    public async Task RestartAsync()
    {
        await _process.StopAsync();
        await _process.DisposeAsync();
        _process = ServiceProcess.Start(
            "nats-server", Executable, ["-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "-1", .. _extraArguments]);
        await WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp folder.
        }
    }

    private Task WaitReadyAsync() => _process.WaitForOutputAsync("Server is ready", TimeSpan.FromSeconds(10));

    private static async Task<int> ReadClientPortAsync(ServiceProcess process, string scratch)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var file = Directory.EnumerateFiles(scratch, "*.ports").FirstOrDefault();
            if (file is not null)
            {
                var match = ClientPort().Match(await File.ReadAllTextAsync(file));
                if (match.Success)
                {
                    return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException("nats-server exited at start:\n" + process.Output);
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("nats-server wrote no ports file:\n" + process.Output);
    }

    [GeneratedRegex(@"nats://[^:""]+:(\d+)")]
    private static partial Regex ClientPort();
}
