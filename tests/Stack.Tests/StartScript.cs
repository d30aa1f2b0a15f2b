using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// <c>./start.sh</c> run as a user runs it from a terminal: in its own session and process group (so the test can
/// send the whole group a SIGINT, as Ctrl+C does), with an env file written by the test (GENIE_ENV_FILE, never the
/// developer's own .env.local), the binaries the tests were built with (GENIE_SKIP_BUILD, GENIE_CONFIGURATION) and
/// its logs in a scratch folder.
/// </summary>
internal sealed partial class StartScript : IAsyncDisposable
{
    private readonly string _scratch;

    private StartScript(ServiceProcess process, string scratch, StackPorts ports, string runDir)
    {
        Process = process;
        _scratch = scratch;
        Ports = ports;
        RunDir = runDir;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports.Bridge}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public ServiceProcess Process { get; }

    public StackPorts Ports { get; }

    /// <summary>GENIE_RUN_DIR: start.sh's pid file (start.pids) and the JetStream store (jetstream/).</summary>
    public string RunDir { get; }

    public string PidFile => Path.Combine(RunDir, "start.pids");

    /// <summary>GENIE_LOG_DIR: each child's log (name.log).</summary>
    public string LogDir => Path.Combine(_scratch, "logs");

    /// <summary>A client aimed at the bridge start.sh runs.</summary>
    public HttpClient Client { get; }

    public string Output => Process.Output;

    public string ReadyLine => $"GenieCanvas is ready: http://127.0.0.1:{Ports.Bridge}";

    /// <summary>
    /// Writes <paramref name="envFile"/> (plus the ports) as the env file and starts ./start.sh with an empty HOME in its
    /// scratch folder; <paramref name="environment"/> adds or overrides variables (HOME too).
    /// </summary>
    public static StartScript Launch(StackPorts ports, IReadOnlyDictionary<string, string> envFile, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var scratch = Directory.CreateTempSubdirectory("start-sh-test-").FullName;
        var lines = new StringBuilder("# written by GenieCanvas.Stack.Tests\n");
        foreach (var (key, value) in ports.AsEnvironment().Concat(envFile))
        {
            lines.Append(CultureInfo.InvariantCulture, $"{key}='{value}'\n");
        }
        var envPath = Path.Combine(scratch, "env.local");
        File.WriteAllText(envPath, lines.ToString());

        // An empty home of its own: a ~/.databrickscfg of whoever runs the tests must not turn demo mode off.
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;

        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["GENIE_ENV_FILE"] = envPath,
            ["GENIE_SKIP_BUILD"] = "1",
            ["GENIE_CONFIGURATION"] = BuildPivot,
            ["GENIE_LOG_DIR"] = Path.Combine(scratch, "logs"),
            ["GENIE_RUN_DIR"] = Path.Combine(scratch, "run"),
            // The machine is shared by parallel test suites: a generous bound, still far below "forever".
            ["GENIE_READY_TIMEOUT"] = "90",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        // setsid: start.sh leads its own session and process group, as a terminal job does (it does not fork when
        // the caller is no group leader, so the pid stays start.sh's). env --default-signal=INT: whoever runs the
        // tests may ignore SIGINT (a shell's background job does), and bash cannot trap a signal ignored at entry;
        // a terminal hands start.sh a default SIGINT.
        var process = ServiceProcess.Start("start.sh", "setsid", ["env", "--default-signal=INT", "./start.sh"], env, RepoPaths.Root);
        return new StartScript(process, scratch, ports, env["GENIE_RUN_DIR"]!);
    }

    /// <summary>artifacts/bin/&lt;Service&gt;/&lt;pivot&gt;: the configuration these tests were built in.</summary>
    public static string BuildPivot { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public Task WaitUntilReadyAsync(TimeSpan timeout) => Process.WaitForOutputAsync(ReadyLine, timeout);

    /// <summary>The pid start.sh printed for one of its children ("started responder (pid 1234)").</summary>
    public int ChildPid(string name)
    {
        var match = StartedLine().Matches(Output).LastOrDefault(m => m.Groups[1].Value == name)
            ?? throw new InvalidOperationException($"start.sh printed no pid for {name}:\n{Output}");
        return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Every child start.sh said it started, by name.</summary>
    public IReadOnlyDictionary<string, int> StartedChildren() =>
        StartedLine().Matches(Output).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    /// <summary>Waits until start.sh has ended; false if it still runs after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => Process.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        // A failed test must not leave a stack running: everything below start.sh, then start.sh itself, then any
        // child it reported that outlived it (its children run in their own sessions, so they are orphaned, not
        // killed, when start.sh fails to stop them).
        var leftovers = ProcessTree.Descendants(Process.Pid);
        await Process.DisposeAsync();
        foreach (var entry in leftovers.Where(ProcessTree.IsRunning))
        {
            Signals.Send(entry.Pid, Signals.SigKill);
        }
        foreach (var pid in StartedChildren().Values)
        {
            if (ProcessTree.CommandLine(pid) is { } command && (command.Contains("GenieCanvas.", StringComparison.Ordinal) || command.Contains("nats-server", StringComparison.Ordinal)))
            {
                Signals.Send(pid, Signals.SigKill);
            }
        }
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    [GeneratedRegex(@"\[start\] started (\w+) \(pid (\d+)\)")]
    private static partial Regex StartedLine();
}
