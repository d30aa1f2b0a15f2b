using System.Net;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Configuration is checked at start: bad values stop the bridge (exit 2) with one line naming every bad setting.</summary>
public sealed class StartupTests
{
    private static readonly string DeadNats = $"nats://127.0.0.1:{FreeTcpPort.Next()}";

    [Theory]
    [InlineData("GENIE_DEFAULT_SPACE_ID", "../etc/passwd", "GENIE_DEFAULT_SPACE_ID")]
    [InlineData("BRIDGE_PORT", "not-a-port", "BRIDGE_PORT")]
    [InlineData("Bridge__RequestTimeout", "00:00:00.001", "Bridge__RequestTimeout")]
    [InlineData("Bridge__RequestTimeout", "00:00:15", "the UI waits 15 s")] // longer than the browser waits
    [InlineData("NATS_USER", "someone", "NATS_PASSWORD")]
    [InlineData("Bridge__RequestTimeout", "abc", "Bridge:RequestTimeout")] // not a TimeSpan at all
    [InlineData("Bridge__ReconnectWait", "00:00:06", "Bridge__ReconnectWait")]         // requests would pile up behind a reconnect
    [InlineData("Bridge__ReplyMargin", "-00:00:01", "Bridge__ReplyMargin")]
    [InlineData("Bridge__ResponderBudget", "00:00:00", "Bridge__ResponderBudget")]
    [InlineData("NATS_URL_ORDERED", "yes", "NATS_URL_ORDERED")]                         // 1 or 0, nothing to guess
    [InlineData("Bridge__AllowedHosts", "*", "wildcard")]                    // would let DNS rebinding through
    [InlineData("Bridge__AllowedHosts", "https://canvas.example.com/", "Bridge__AllowedHosts")]
    [InlineData("Bridge__AllowedOrigins", "canvas.example.com/app", "Bridge__AllowedOrigins")]
    public async Task A_bad_setting_stops_the_bridge_with_a_clear_message(string variable, string value, string named)
    {
        var output = await RunUntilExitAsync(new Dictionary<string, string?> { [variable] = value });

        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_bad_settings_of_different_kinds_are_named_together_in_one_line()
    {
        // A bridge setting and a bus setting: two options types failing at once.
        var output = await RunUntilExitAsync(new Dictionary<string, string?>
        {
            ["GENIE_DEFAULT_SPACE_ID"] = "../x",
            ["NATS_USER"] = "someone",
        });

        Assert.Contains("GENIE_DEFAULT_SPACE_ID", output, StringComparison.Ordinal);
        Assert.Contains("NATS_PASSWORD", output, StringComparison.Ordinal);
    }

    // Starts the bridge with these settings, expects exit code 2 and exactly one line of output (no stack trace).
    private static async Task<string> RunUntilExitAsync(Dictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?> { ["NATS_URL"] = DeadNats, ["BRIDGE_PORT"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        await using var bridge = ServiceProcess.StartDotnet(BridgeProcess.AssemblyName, environment);

        Assert.True(await bridge.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the bridge kept running:\n" + bridge.Output);
        Assert.True(bridge.ExitCode == 2, $"exit code {bridge.ExitCode}, expected 2:\n{bridge.Output}");
        var line = Assert.Single(bridge.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("The bridge's configuration is invalid", line, StringComparison.Ordinal);
        return line;
    }

    [Fact]
    public async Task The_default_space_id_comes_from_the_environment()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var bridge = await BridgeProcess.StartAsync(DeadNats, new Dictionary<string, string?> { ["GENIE_DEFAULT_SPACE_ID"] = "my_Space-01" });

        using var response = await bridge.Client.GetAsync("/api/config", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"defaultSpaceId\":\"my_Space-01\",\"workspace\":null,\"demo\":false}", await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Fact]
    public async Task The_bridge_listens_on_loopback_at_bridge_port()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var bridge = await BridgeProcess.StartAsync(DeadNats);

        Assert.Contains($"Now listening on: http://127.0.0.1:{bridge.Port}", bridge.Process.Output, StringComparison.Ordinal);
        using var response = await bridge.Client.GetAsync("/health", cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
