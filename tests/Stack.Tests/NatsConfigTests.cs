using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>Every config in deploy/nats passes nats-server's own check (<c>nats-server -t -c file</c>).</summary>
public sealed class NatsConfigTests
{
    private static readonly Dictionary<string, string?> AuthPasswords = new()
    {
        ["RESPONDER_NATS_PASSWORD"] = "checked-only",
        ["BRIDGE_NATS_PASSWORD"] = "checked-only",
    };

    public static TheoryData<string> Configs() =>
    [
        "nats-server.conf",
        "cluster/node1.conf",
        "cluster/node2.conf",
        "cluster/node3.conf",
        "auth.conf",
    ];

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task ConfigPassesNatsServerCheck(string config)
    {
        var (exitCode, output) = await CheckAsync(config, AuthPasswords);

        Assert.True(exitCode == 0, output);
        Assert.Contains("is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthConfigHoldsNoPasswordAndRefusesToLoadWithoutThem()
    {
        var (exitCode, output) = await CheckAsync("auth.conf", new Dictionary<string, string?>());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("RESPONDER_NATS_PASSWORD", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(string config, IReadOnlyDictionary<string, string?> environment)
    {
        await using var check = ServiceProcess.Start(
            "nats-server -t", NatsServerProcess.Executable, ["-t", "-c", Path.Combine(NatsConfigs.Folder, config)], environment);
        Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(15)), "nats-server -t did not finish:\n" + check.Output);
        // The exit event can come before the last output line is read.
        await Task.Delay(100);
        return (check.ExitCode, check.Output);
    }
}
