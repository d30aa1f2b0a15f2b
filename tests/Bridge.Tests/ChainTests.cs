using System.Net;
using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;
using NATS.Client.Core;
using NATS.Net;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Through the real responder and the Databricks emulator: what genie.get returns, errors passed through.</summary>
public sealed class ChainTests(ChainTests.Fixture fixture) : IClassFixture<ChainTests.Fixture>
{
    /// <summary>The whole chain (PAT responder, bridge) plus a NATS client of the test to ask the bus directly and compare.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public GenieStack Stack { get; private set; } = null!;

        public NatsClient Bus { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Stack = await GenieStack.StartAsync(new GenieStackOptions { Bridge = true }, cts.Token);
            Bus = new NatsClient(new NatsOpts { Url = Stack.Nats.Url, Name = "bridge-tests-chain" });
        }

        public async Task DisposeAsync()
        {
            await Stack.DisposeAsync();
            if (Bus is not null)
            {
                await Bus.DisposeAsync();
            }
        }

        /// <summary>What <paramref name="subject"/> answers when asked directly on the bus.</summary>
        public async Task<byte[]> RequestDirectlyAsync(string subject, string body, CancellationToken cancellationToken)
        {
            var reply = await Bus.Connection.RequestAsync<byte[], byte[]>(
                subject, Encoding.UTF8.GetBytes(body), requestSerializer: TestGenieService.Raw, replySerializer: TestGenieService.Raw,
                replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken: cancellationToken);
            Assert.False(reply.Headers?.ContainsKey(GenieHeaders.ServiceErrorCode) ?? false, $"{subject} answered an error");
            return reply.Data ?? [];
        }
    }

    private GenieStack Stack => fixture.Stack;

    [Fact]
    public async Task Config_names_the_workspace_the_responders_serve_and_never_a_credential()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Stack.Bridge.Client.GetAsync("/api/config", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        using var config = JsonDocument.Parse(body);
        Assert.Equal(Stack.Emulator.Url.TrimEnd('/'), config.RootElement.GetProperty("workspace").GetString()?.TrimEnd('/'));
        Assert.False(config.RootElement.GetProperty("demo").GetBoolean()); // not started by start.sh's demo mode
        Assert.DoesNotContain(Stack.Emulator.Token, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_returns_exactly_what_genie_get_returns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var direct = await fixture.RequestDirectlyAsync(GenieSubjects.Get, $"{{\"space_id\":\"{EmulatorProcess.SalesSpaceId}\"}}", cts.Token);

        using var response = await Stack.Bridge.Client.GetAsync($"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
        Assert.Equal(Encoding.UTF8.GetString(direct), Encoding.UTF8.GetString(body));
        using var space = JsonDocument.Parse(body);
        Assert.Equal(EmulatorProcess.SalesSpaceId, space.RootElement.GetProperty("space_id").GetString());
        Assert.Equal(EmulatorProcess.SalesSpaceId, space.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_returns_exactly_what_genie_get_returns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var direct = await fixture.RequestDirectlyAsync(GenieSubjects.Get, $"{{\"space_id\":\"{EmulatorProcess.SalesSpaceId}\"}}", cts.Token);

        using var content = new StringContent($"{{\"space_id\": \"{EmulatorProcess.SalesSpaceId}\"}}", Encoding.UTF8, "application/json");
        using var response = await Stack.Bridge.Client.PostAsync("/api/genie/get", content, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(direct), await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Fact]
    public async Task Spaces_returns_exactly_what_genie_list_returns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var direct = await fixture.RequestDirectlyAsync(GenieSubjects.List, "{}", cts.Token);

        using var response = await Stack.Bridge.Client.GetAsync("/api/genie/spaces", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        Assert.Equal(Encoding.UTF8.GetString(direct), body);
        using var list = JsonDocument.Parse(body);
        Assert.Contains(list.RootElement.GetProperty("spaces").EnumerateArray(),
            s => s.GetProperty("space_id").GetString() == EmulatorProcess.SalesSpaceId);
    }

    [Fact]
    public async Task Spaces_page_on_with_the_next_page_token_the_previous_page_gave()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var first = await Stack.Bridge.Client.GetAsync("/api/genie/spaces?page_size=1", cts.Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var firstPage = JsonDocument.Parse(await first.Content.ReadAsStringAsync(cts.Token));
        var token = firstPage.RootElement.GetProperty("next_page_token").GetString();
        Assert.False(string.IsNullOrEmpty(token));

        // The token Databricks handed out passes the shared page_token rule in the bridge and the responder.
        using var second = await Stack.Bridge.Client.GetAsync("/api/genie/spaces?page_size=1&page_token=" + Uri.EscapeDataString(token), cts.Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var secondPage = JsonDocument.Parse(await second.Content.ReadAsStringAsync(cts.Token));
        var firstId = Assert.Single(firstPage.RootElement.GetProperty("spaces").EnumerateArray()).GetProperty("space_id").GetString();
        var secondId = Assert.Single(secondPage.RootElement.GetProperty("spaces").EnumerateArray()).GetProperty("space_id").GetString();
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task An_unknown_space_is_404_not_found_with_the_callers_request_id()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/genie/get?space_id=01f0000000000000000000000000dead");
        request.Headers.Add("X-Request-Id", "chain-404-1");
        using var response = await Stack.Bridge.Client.SendAsync(request, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
        Assert.Equal("chain-404-1", problem.RequestId);
        Assert.Contains("not found", problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rejected_credentials_are_502_upstream_auth_without_the_token()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        const string spaceId = "01f0aaaaaaaaaaaaaaaaaaaaaaaa0401";
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = spaceId, Status = 401, ErrorCode = "UNAUTHENTICATED", Message = "Invalid access token." }, cts.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/genie/get?space_id={spaceId}");
        request.Headers.Add("X-Request-Id", "chain-502-1");
        using var response = await Stack.Bridge.Client.SendAsync(request, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadGateway, GenieErrorCodes.UpstreamAuth, cts.Token);
        Assert.Equal("chain-502-1", problem.RequestId);
        Assert.DoesNotContain(Stack.Emulator.Token, await response.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        Assert.DoesNotContain(Stack.Emulator.Token, Stack.Bridge.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persistent_upstream_failure_is_502_upstream_error()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        const string spaceId = "01f0aaaaaaaaaaaaaaaaaaaaaaaa0500";
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = spaceId, Status = 500, ErrorCode = "INTERNAL_ERROR", Message = "boom" }, cts.Token);
        using var response = await Stack.Bridge.Client.GetAsync($"/api/genie/get?space_id={spaceId}", cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadGateway, GenieErrorCodes.UpstreamError, cts.Token);
    }

    [Fact]
    public async Task Bad_input_never_reaches_databricks()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var before = await Stack.Emulator.CallCountAsync(cancellationToken: cts.Token);

        using var response = await Stack.Bridge.Client.GetAsync("/api/genie/get?space_id=..%2F..%2Fapi%2F2.0%2Fclusters", cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Equal(before, await Stack.Emulator.CallCountAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Status_shows_the_real_responder()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Stack.Bridge.Client.GetAsync("/api/genie/status", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("connected", body.RootElement.GetProperty("nats").GetString());
        var responder = Assert.Single(body.RootElement.GetProperty("responders").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(responder.GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(responder.GetProperty("version").GetString()));
        Assert.Contains(responder.GetProperty("endpoints").EnumerateArray(), e => e.GetProperty("subject").GetString() == GenieSubjects.Get);
    }
}
