using System.Globalization;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// ./start.sh when stopping goes wrong: a second Ctrl+C, start.sh itself killed outright (SIGKILL, the OOM killer),
/// the terminal closed (SIGHUP). Nothing it started may outlive it for long, and nothing that is not its own is touched.
/// </summary>
public sealed class StartScriptSignalTests
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;
    private const int SigHup = 1;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ASecondCtrlCWhileStoppingKillsEverythingAtOnceAndLeavesNothing()
    {
        // A request that stays in flight for 30 s, and a responder allowed to wait 50 s for it: the first Ctrl+C's
        // orderly stop takes long, as it does when a Databricks call hangs.
        await using var workspace = await EmulatorProcess.StartAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await workspace.InjectFaultAsync(new EmulatorFault { SpaceId = SpaceId, DelayMs = 30_000 }, cts.Token);
        }
        await using var stack = StartScript.Launch(
            StackPorts.Free(),
            new Dictionary<string, string>
            {
                ["DATABRICKS_HOST"] = workspace.Url,
                ["DATABRICKS_TOKEN"] = workspace.Token,
                ["GENIE_STOP_GRACE"] = "60",
                ["Responder__ShutdownGrace"] = "00:00:50",
            });
        await stack.WaitUntilReadyAsync(ReadyTimeout);
        var inFlight = await StartScriptTests.RequestInFlightAsync(stack, workspace, TimeSpan.FromSeconds(40));

        var running = ProcessTree.Descendants(stack.Process.Pid);
        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
        await stack.Process.WaitForOutputAsync("[start] stopping:", TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(stack.Process.HasExited, "the first Ctrl+C did not wait for the responder, so this test proves nothing:\n" + stack.Output);

        // The impatient user: a second Ctrl+C means now.
        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
        await StartScriptTests.AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130, within: TimeSpan.FromSeconds(10));
        Assert.Contains("received SIGINT again: killing everything now", stack.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(stack.PidFile), "start.sh left its pid file behind");
        await inFlight.WaitAsync(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task TheNextRunStopsWhatAKilledStartShLeftOnlyItsOwnAndSighupStopsEverything()
    {
        var ports = StackPorts.Free();
        await using var killed = StartScript.Launch(ports, new Dictionary<string, string>());
        await killed.WaitUntilReadyAsync(ReadyTimeout);
        var orphans = killed.StartedChildren();
        Assert.Equal(["bridge", "emulator", "nats", "responder"], orphans.Keys.Order());
        var recorded = await File.ReadAllTextAsync(killed.PidFile);
        foreach (var (name, pid) in orphans)
        {
            Assert.Contains($"{pid} ", recorded, StringComparison.Ordinal);
            Assert.Contains($" {name} ", recorded, StringComparison.Ordinal);
        }

        // start.sh dies without a chance to clean up (SIGKILL, OOM): its children, in their own sessions, live on.
        Assert.True(Signals.Send(killed.Process.Pid, Signals.SigKill));
        await Poll.UntilAsync(() => killed.Process.HasExited, TimeSpan.FromSeconds(5), () => "start.sh survived SIGKILL");
        Assert.All(orphans.Values, pid => Assert.NotNull(ProcessTree.CommandLine(pid)));

        // A line in the pid file for a process that is not ours (a reused pid, another program): it must survive.
        await using var stranger = ServiceProcess.Start("sleep", "sleep", ["600"]);
        var strangerEntry = ProcessTree.Find(stranger.Pid) ?? throw new InvalidOperationException("sleep is not running");
        await File.AppendAllTextAsync(killed.PidFile, string.Create(CultureInfo.InvariantCulture, $"{stranger.Pid} {strangerEntry.StartTicks} responder GenieCanvas.Responder.dll\n"));

        // The next run, on the same ports and run dir: it stops the leftovers instead of failing with "port in use".
        var sameRunDir = new Dictionary<string, string?> { ["GENIE_RUN_DIR"] = killed.RunDir };
        await using var next = StartScript.Launch(ports, new Dictionary<string, string>(), sameRunDir);
        await next.WaitUntilReadyAsync(ReadyTimeout);
        foreach (var (name, pid) in orphans)
        {
            Assert.Contains($"a previous run left {name} (pid {pid}) running: stopping it", next.Output, StringComparison.Ordinal);
            Assert.Null(ProcessTree.CommandLine(pid));
        }
        Assert.DoesNotContain($"(pid {stranger.Pid})", next.Output, StringComparison.Ordinal);
        Assert.False(stranger.HasExited, "start.sh stopped a process that was not its own");
        Assert.Equal(200, (await Http.GetAsync(next.Client, $"/api/genie/get?space_id={SpaceId}")).Status);

        // While it runs, a third start.sh on the same run dir refuses, and touches nothing.
        await using (var third = StartScript.Launch(StackPorts.Free(), new Dictionary<string, string>(), sameRunDir))
        {
            Assert.True(await third.WaitForExitAsync(TimeSpan.FromSeconds(30)), "a second start.sh on one run dir kept running:\n" + third.Output);
            Assert.NotEqual(0, third.Process.ExitCode);
            Assert.Contains($"another start.sh (pid {next.Process.Pid}) runs with GENIE_RUN_DIR={killed.RunDir}", third.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("[start] started", third.Output, StringComparison.Ordinal);
        }
        Assert.Equal(200, (await Http.GetAsync(next.Client, "/health/ready")).Status);

        // The terminal closes: SIGHUP stops everything like SIGTERM.
        var running = ProcessTree.Descendants(next.Process.Pid);
        Assert.True(Signals.Send(next.Process.Pid, SigHup));
        await StartScriptTests.AssertStoppedCleanlyAsync(next, running, expectedExitCode: 129);
        Assert.Contains("received SIGHUP", next.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(next.PidFile), "start.sh left its pid file behind");
    }
}
