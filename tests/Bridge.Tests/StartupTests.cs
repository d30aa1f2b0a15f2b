using System.Net;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Configuration is checked at start: a bad value stops the bridge with a line naming the setting.</summary>
public sealed class StartupTests
{
    private static readonly string DeadNats = $"nats://127.0.0.1:{FreeTcpPort.Next()}";

    [Theory]
    [InlineData("GENIE_DEFAULT_SPACE_ID", "../etc/passwd", "GENIE_DEFAULT_SPACE_ID")]
    [InlineData("BRIDGE_PORT", "not-a-port", "BRIDGE_PORT")]
    [InlineData("Bridge__RequestTimeout", "00:00:00.001", "Bridge__RequestTimeout")]
    [InlineData("NATS_USER", "someone", "NATS_PASSWORD")]
    public async Task A_bad_setting_stops_the_bridge_with_a_clear_message(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string?> { ["NATS_URL"] = DeadNats, ["BRIDGE_PORT"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        environment[variable] = value;
        await using var bridge = ServiceProcess.StartDotnet(BridgeProcess.AssemblyName, environment);

        Assert.True(await bridge.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the bridge kept running:\n" + bridge.Output);
        Assert.NotEqual(0, bridge.ExitCode);
        Assert.Contains(named, bridge.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_space_id_comes_from_the_environment()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var bridge = await BridgeProcess.StartAsync(DeadNats, new Dictionary<string, string?> { ["GENIE_DEFAULT_SPACE_ID"] = "my_Space-01" });

        using var response = await bridge.Client.GetAsync("/api/config", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"defaultSpaceId\":\"my_Space-01\"}", await response.Content.ReadAsStringAsync(cts.Token));
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
