using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Tests;

/// <summary>NATS_URL lists and bus authentication (NATS_USER/NATS_PASSWORD, NATS_TOKEN), against real nats-servers.</summary>
public sealed class BusAuthTests
{
    [Fact]
    public async Task A_url_list_with_a_dead_server_still_reaches_the_live_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var nats = await NatsServerProcess.StartAsync();
        await using var genie = await TestGenieService.StartAnsweringAsync(nats.Url, cts.Token);
        var dead = $"nats://127.0.0.1:{FreeTcpPort.Next()}";

        await using var bridge = await BridgeProcess.StartAsync($"{dead},{nats.Url}");

        await Eventually.StatusAsync(bridge.Client, "/api/genie/get?space_id=s1", HttpStatusCode.OK, cts.Token);
    }

    [Fact]
    public async Task User_and_password_from_the_environment_log_in_and_never_appear_in_the_output()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string password = "pw-3f9c1e7a5b2d";
        await using var nats = await NatsServerProcess.StartAsync(["--user", "bridge", "--pass", password]);
        await using var genie = await TestGenieService.StartAnsweringAsync(nats.Url, cts.Token,
            new NatsAuthOpts { Username = "bridge", Password = password });

        await using var bridge = await BridgeProcess.StartAsync(nats.Url,
            new Dictionary<string, string?> { ["NATS_USER"] = "bridge", ["NATS_PASSWORD"] = password });

        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        using var response = await bridge.Client.GetAsync("/api/genie/get?space_id=s1", cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(password, bridge.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_leaves_the_bus_unavailable_without_printing_the_token()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string wrongToken = "tok-wrong-8d2e4a6c";
        await using var nats = await NatsServerProcess.StartAsync(["--auth", "tok-right-1b3d5f7e"]);

        await using var bridge = await BridgeProcess.StartAsync(nats.Url, new Dictionary<string, string?> { ["NATS_TOKEN"] = wrongToken });

        using var response = await bridge.Client.GetAsync("/api/genie/get?space_id=s1", cts.Token);
        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.BusUnavailable, cts.Token);
        using var ready = await bridge.Client.GetAsync("/health/ready", cts.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.DoesNotContain(wrongToken, bridge.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_token_logs_in()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string token = "tok-right-9a8b7c6d";
        await using var nats = await NatsServerProcess.StartAsync(["--auth", token]);
        await using var genie = await TestGenieService.StartAnsweringAsync(nats.Url, cts.Token, new NatsAuthOpts { Token = token });

        await using var bridge = await BridgeProcess.StartAsync(nats.Url, new Dictionary<string, string?> { ["NATS_TOKEN"] = token });

        await Eventually.StatusAsync(bridge.Client, "/api/genie/get?space_id=s1", HttpStatusCode.OK, cts.Token);
        Assert.DoesNotContain(token, bridge.Process.Output, StringComparison.Ordinal);
    }
}
