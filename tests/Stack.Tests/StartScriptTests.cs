using System.Net.Sockets;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// ./start.sh as a user runs it: the seed's step-1 test (the stack comes up with the environment from .env.local,
/// the responder is healthy, Ctrl+C stops all) and step 3's "503 when the worker is down".
/// </summary>
public sealed class StartScriptTests
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StartShRunsTheStackWithItsEnvFileAnswers503WithoutResponderAndStopsEverythingOnCtrlC()
    {
        // A workspace only this test knows: if the env file did not reach the responder, nothing could call it.
        await using var workspace = await EmulatorProcess.StartAsync();
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string>
        {
            ["DATABRICKS_HOST"] = workspace.Url,
            ["DATABRICKS_TOKEN"] = workspace.Token,
        });

        await stack.WaitUntilReadyAsync(ReadyTimeout);
        Assert.DoesNotContain("DEMO MODE", stack.Output, StringComparison.Ordinal);
        var children = stack.StartedChildren();
        Assert.Equal(["bridge", "nats", "responder"], children.Keys.Order());

        // curl through the bridge: the space comes from the test's workspace, via NATS and the responder.
        var space = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(space.Status == 200, space.ToString());
        Assert.Equal(SpaceId, space.Json.GetProperty("space_id").GetString());
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            Assert.True(await workspace.CallCountAsync(SpaceId, cts.Token) >= 1, "the test's workspace was not called");
        }
        Assert.DoesNotContain(workspace.Token, stack.Output, StringComparison.Ordinal);

        // The worker dies: start.sh says so and keeps the rest running; the bridge answers 503 at once.
        Assert.True(Signals.Send(children["responder"], Signals.SigKill));
        await stack.Process.WaitForOutputAsync("genie-responder EXITED", TimeSpan.FromSeconds(10));
        var unavailable = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(unavailable.Status == 503, unavailable.ToString());
        Assert.Equal("SERVICE_UNAVAILABLE", unavailable.ProblemCode);
        Assert.False(stack.Process.HasExited, "start.sh stopped when only the responder exited:\n" + stack.Output);
        Assert.Equal(200, (await Http.GetAsync(stack.Client, "/health")).Status);

        // Ctrl+C: the terminal sends SIGINT to the whole foreground process group.
        var running = ProcessTree.Descendants(stack.Process.Pid);
        Assert.Contains(running, p => p.Pid == children["nats"] && p.CommandLine.Contains("nats-server", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Pid == children["bridge"] && p.CommandLine.Contains("GenieCanvas.Bridge.dll", StringComparison.Ordinal));
        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));

        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130);
        Assert.Contains("received SIGINT", stack.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShWithoutDatabricksHostRunsDemoModeServesAFixtureSpaceAndStopsOnSigterm()
    {
        var ports = StackPorts.Free();
        // A leftover from a real setup: alone it would make the responder refuse to start (oauth-m2m without a client).
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string> { ["DATABRICKS_AUTH_TYPE"] = "oauth-m2m" });

        await stack.WaitUntilReadyAsync(ReadyTimeout);
        Assert.Contains("DEMO MODE", stack.Output, StringComparison.Ordinal);
        Assert.Contains("deploy/.env.local.example", stack.Output, StringComparison.Ordinal);
        Assert.Equal(["bridge", "emulator", "nats", "responder"], stack.StartedChildren().Keys.Order());

        var space = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(space.Status == 200, space.ToString());
        Assert.Equal(SpaceId, space.Json.GetProperty("id").GetString());

        // The demo emulator on EMULATOR_PORT is the one that answered.
        using var emulatorAdmin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Emulator}") };
        var calls = await Http.GetAsync(emulatorAdmin, "/_emulator/calls");
        Assert.True(calls.Json.GetProperty("by_space").GetProperty(SpaceId).GetInt64() >= 1, calls.ToString());

        // nats-server runs JetStream with its store under GENIE_RUN_DIR.
        using var natsMonitor = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.NatsMonitor}") };
        var jetStream = await Http.GetAsync(natsMonitor, "/jsz");
        Assert.True(jetStream.Status == 200, jetStream.ToString());
        Assert.StartsWith(Path.Combine(stack.RunDir, "jetstream"), jetStream.Json.GetProperty("config").GetProperty("store_dir").GetString(), StringComparison.Ordinal);

        // A service manager (or `kill`) sends SIGTERM to start.sh alone.
        var running = ProcessTree.Descendants(stack.Process.Pid);
        stack.Process.Signal(Signals.SigTerm);
        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 143);
    }

    [Theory]
    [InlineData(null)]                    // the Databricks CLI's usual setup: ~/.databrickscfg, no DATABRICKS_* variable
    [InlineData("genie.databrickscfg")]   // another file, named by DATABRICKS_CONFIG_FILE
    public async Task StartShWithAHostInTheDefaultProfileOfDatabrickscfgUsesThatWorkspaceNotDemoMode(string? configFileName)
    {
        await using var workspace = await EmulatorProcess.StartAsync();
        var home = Directory.CreateTempSubdirectory("start-sh-home-").FullName;
        try
        {
            var config = Path.Combine(home, configFileName ?? ".databrickscfg");
            await File.WriteAllTextAsync(config, $"[DEFAULT]\nhost  = {workspace.Url}\ntoken = {workspace.Token}\n");
            var environment = new Dictionary<string, string?> { ["HOME"] = home };
            if (configFileName is not null)
            {
                environment["DATABRICKS_CONFIG_FILE"] = config;
            }
            var ports = StackPorts.Free();
            await using var stack = StartScript.Launch(ports, new Dictionary<string, string>(), environment);

            await stack.WaitUntilReadyAsync(ReadyTimeout);
            Assert.DoesNotContain("DEMO MODE", stack.Output, StringComparison.Ordinal);
            Assert.Contains($"Databricks workspace: profile 'DEFAULT' of {config}", stack.Output, StringComparison.Ordinal);
            Assert.Equal(["bridge", "nats", "responder"], stack.StartedChildren().Keys.Order());

            long before;
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                before = await workspace.CallCountAsync(SpaceId, cts.Token);
            }
            var space = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
            Assert.True(space.Status == 200, space.ToString());
            Assert.Equal(SpaceId, space.Json.GetProperty("space_id").GetString());
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                Assert.True(await workspace.CallCountAsync(SpaceId, cts.Token) > before, "the workspace of the profile was not called");
            }
            Assert.DoesNotContain(workspace.Token, stack.Output, StringComparison.Ordinal);

            var running = ProcessTree.Descendants(stack.Process.Pid);
            Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
            await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task StartShWithADefaultProfileThatIsMissingIsNotDemoModeAndTheResponderSaysWhy()
    {
        // The responder decides (--print-workspace): a config file that names a profile it lacks is a broken
        // workspace, not "no workspace", so no emulator stands in for it.
        var home = Directory.CreateTempSubdirectory("start-sh-home-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home, ".databrickscfg"), "[__settings__]\ndefault_profile = missing\n");
            var ports = StackPorts.Free();
            await using var stack = StartScript.Launch(ports, new Dictionary<string, string>(), new Dictionary<string, string?> { ["HOME"] = home });

            Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(90)), "start.sh kept running:\n" + stack.Output);
            Assert.Equal(1, stack.Process.ExitCode);
            Assert.DoesNotContain("DEMO MODE", stack.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("started emulator", stack.Output, StringComparison.Ordinal);
            Assert.Contains("Databricks workspace: ~/.databrickscfg, which the responder cannot use", stack.Output, StringComparison.Ordinal);
            Assert.Contains("responder exited with status 2 before GenieCanvas was ready", stack.Output, StringComparison.Ordinal);
            Assert.Contains("Profile 'missing' is not in the Databricks config file", stack.Output, StringComparison.Ordinal);
            await Poll.UntilAsync(
                () => stack.Ports.All.All(FreeTcpPort.IsFree),
                TimeSpan.FromSeconds(5),
                () => "ports still bound: " + string.Join(", ", stack.Ports.All.Where(p => !FreeTcpPort.IsFree(p))));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task StartShGivesTheResponderAShutdownGraceThatEndsBeforeItsOwnKillDeadline()
    {
        // A Databricks that never answers in time: the request stays in flight in the responder while start.sh stops.
        await using var workspace = await EmulatorProcess.StartAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await workspace.InjectFaultAsync(new EmulatorFault { SpaceId = SpaceId, DelayMs = 30_000 }, cts.Token);
        }
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string>
        {
            ["DATABRICKS_HOST"] = workspace.Url,
            ["DATABRICKS_TOKEN"] = workspace.Token,
        });
        await stack.WaitUntilReadyAsync(ReadyTimeout);

        var inFlight = await RequestInFlightAsync(stack, workspace, TimeSpan.FromSeconds(25));

        // Ctrl+C with the default GENIE_STOP_GRACE of 5 s: the responder gets 4 s to drain, so it ends by itself.
        var running = ProcessTree.Descendants(stack.Process.Pid);
        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130);
        Assert.Contains("Shutdown grace of 4 s", stack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("responder did not stop within", stack.Output, StringComparison.Ordinal);
        await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StartShWithNatsUrlUsesThatServerAndStartsNoNatsServerOfItsOwn()
    {
        await using var external = await NatsServerProcess.StartAsync();
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string> { ["NATS_URL"] = external.Url });

        await stack.WaitUntilReadyAsync(ReadyTimeout);
        Assert.Contains($"using the NATS server(s) at NATS_URL={external.Url}", stack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("nats", stack.StartedChildren().Keys);
        var running = ProcessTree.Descendants(stack.Process.Pid);
        Assert.DoesNotContain(running, p => p.CommandLine.Contains("nats-server", StringComparison.Ordinal));

        var space = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(space.Status == 200, space.ToString());

        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130);
        Assert.True(external.IsRunning, "start.sh stopped a NATS server it did not start");
    }

    [Fact]
    public async Task StartShRefusesToStartWhenAPortIsTakenAndNamesThePortAndItsVariable()
    {
        var ports = StackPorts.Free();
        using var squatter = new TcpListener(System.Net.IPAddress.Loopback, ports.Bridge);
        squatter.Start();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string>());

        Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(30)), "start.sh kept running:\n" + stack.Output);
        Assert.NotEqual(0, stack.Process.ExitCode);
        Assert.Contains($"port {ports.Bridge} is already in use", stack.Output, StringComparison.Ordinal);
        Assert.Contains("BRIDGE_PORT", stack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[start] started", stack.Output, StringComparison.Ordinal);
        Assert.True(FreeTcpPort.IsFree(ports.Nats), "a nats-server was started although the bridge port was taken");
    }

    [Fact]
    public async Task StartShStopsEverythingAndFailsWhenNatsServerDies()
    {
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string>());
        await stack.WaitUntilReadyAsync(ReadyTimeout);
        var running = ProcessTree.Descendants(stack.Process.Pid);

        Assert.True(Signals.Send(stack.ChildPid("nats"), Signals.SigKill));

        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 1);
        Assert.Contains("nats exited (status 137): stopping everything.", stack.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShGivesUpWithTheReasonAndTheFailingLogsWhenTheAppNeverGetsReady()
    {
        // A NATS_URL nobody answers: the services start, the bridge never becomes ready.
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(
            ports,
            new Dictionary<string, string> { ["NATS_URL"] = $"nats://127.0.0.1:{ports.Nats}" },
            new Dictionary<string, string?> { ["GENIE_READY_TIMEOUT"] = "5" });
        await stack.Process.WaitForOutputAsync("[start] started bridge", TimeSpan.FromSeconds(60));
        var running = ProcessTree.Descendants(stack.Process.Pid);

        await AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 1, within: TimeSpan.FromSeconds(40));
        Assert.Contains("GenieCanvas was not ready within 5s (GENIE_READY_TIMEOUT)", stack.Output, StringComparison.Ordinal);
        Assert.Contains("/health/ready says:", stack.Output, StringComparison.Ordinal);
        Assert.Contains("NATS", stack.Output[stack.Output.IndexOf("/health/ready says:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("[start] last lines of bridge", stack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.ReadyLine, stack.Output, StringComparison.Ordinal);
    }

    /// <summary>Sends a request for a space the workspace holds back (a delay fault) and returns once it reached the
    /// workspace, i.e. is in flight in the responder; the task is its answer.</summary>
    internal static async Task<Task<Http.Answer>> RequestInFlightAsync(StartScript stack, EmulatorProcess workspace, TimeSpan timeout)
    {
        var inFlight = Http.TryGetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}", timeout);
        await Poll.UntilAsync(
            async () =>
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                return await workspace.CallCountAsync(SpaceId, cts.Token) >= 1;
            },
            TimeSpan.FromSeconds(10),
            () => "the request never reached the workspace");
        return inFlight;
    }

    /// <summary>start.sh ends within 15 s, with the code for the signal, and leaves no process and no port behind.</summary>
    internal static async Task AssertStoppedCleanlyAsync(
        StartScript stack, IReadOnlyList<ProcessTree.Entry> running, int expectedExitCode, TimeSpan? within = null)
    {
        var bound = within ?? StopTimeout;
        Assert.True(await stack.WaitForExitAsync(bound), $"start.sh still runs {bound} later:\n{stack.Output}");
        Assert.Equal(expectedExitCode, stack.Process.ExitCode);
        Assert.NotEmpty(running);
        await Poll.UntilAsync(
            () => !running.Any(ProcessTree.IsRunning),
            TimeSpan.FromSeconds(3),
            () => "still running: " + string.Join("; ", running.Where(ProcessTree.IsRunning).Select(p => $"{p.Pid} {p.CommandLine}")));
        await Poll.UntilAsync(
            () => stack.Ports.All.All(FreeTcpPort.IsFree),
            TimeSpan.FromSeconds(3),
            () => "ports still bound: " + string.Join(", ", stack.Ports.All.Where(p => !FreeTcpPort.IsFree(p))));
        Assert.Contains("[start] stopped", stack.Output, StringComparison.Ordinal);
    }
}
