using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>/health/ready follows the presence of a genie responder; /api/genie/status lists the responders seen.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_flips_with_the_presence_of_a_genie_responder()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var nats = await NatsServerProcess.StartAsync();
        await using var bridge = await BridgeProcess.StartAsync(nats.Url);
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, cts.Token);

        var genie = await TestGenieService.StartSilentAsync(nats.Url, cts.Token);
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);

        await genie.DisposeAsync();
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, cts.Token);

        await using var again = await TestGenieService.StartSilentAsync(nats.Url, cts.Token);
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
    }

    [Fact]
    public async Task Status_lists_each_responder_with_its_id_version_and_counts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var nats = await NatsServerProcess.StartAsync();
        await using var first = await TestGenieService.StartAsync(nats.Url, m => m.ReplyErrorAsync(404, "not found"), cts.Token);
        await using var second = await TestGenieService.StartAsync(nats.Url, m => m.ReplyErrorAsync(404, "not found"), cts.Token);
        await using var bridge = await BridgeProcess.StartAsync(nats.Url);
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        for (var i = 0; i < 4; i++)
        {
            using var response = await bridge.Client.GetAsync("/api/genie/get?space_id=nope", cts.Token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // The status is cached ~1 s: poll until it shows all four requests.
        JsonElement responders = default;
        while (true)
        {
            using var response = await bridge.Client.GetAsync("/api/genie/status", cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
            Assert.Equal("connected", body.RootElement.GetProperty("nats").GetString());
            responders = body.RootElement.GetProperty("responders").Clone();
            if (responders.GetArrayLength() == 2 && responders.EnumerateArray().Sum(r => r.GetProperty("requests").GetInt64()) == 4)
            {
                break;
            }
            await Task.Delay(200, cts.Token);
        }

        foreach (var responder in responders.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(responder.GetProperty("id").GetString()));
            Assert.Equal("0.0.1-test", responder.GetProperty("version").GetString());
            Assert.Equal(responder.GetProperty("requests").GetInt64(), responder.GetProperty("errors").GetInt64());
            var endpoint = Assert.Single(responder.GetProperty("endpoints").EnumerateArray());
            Assert.Equal("genie.get", endpoint.GetProperty("subject").GetString());
        }
        Assert.NotEqual(responders[0].GetProperty("id").GetString(), responders[1].GetProperty("id").GetString());
    }
}
