using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// /api/agents/supervisors through the whole chain (bridge, NATS, responder, emulator): deploy, redeploy, read back,
/// delete (204, then 404), a partial failure as ProblemDetails carrying the deploy's state, and bad input answered
/// 400 before anything reaches the bus.
/// </summary>
public sealed class SupervisorRouteTests(SupervisorRouteTests.Fixture fixture) : IClassFixture<SupervisorRouteTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GenieStack Stack { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Stack = await GenieStack.StartAsync(new GenieStackOptions { Bridge = true }, cts.Token);
        }

        public async Task DisposeAsync() => await Stack.DisposeAsync();
    }

    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string Supply = "01f0a7a327cd11978f2951f81a61bfdd";

    private HttpClient Http => fixture.Stack.Bridge.Client;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Deploy(string name, string? id = null, params (string Space, string Description)[] agents) => new
    {
        supervisor_agent_id = id, display_name = name, description = "Business questions", instructions = "Answer briefly.",
        agents = agents.Select(a => new { space_id = a.Space, description = a.Description }).ToArray(),
    };

    [Fact]
    public async Task Deploy_then_redeploy_then_get_then_delete()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var name = "Route test " + Guid.NewGuid().ToString("N");

        using var created = await Http.PostAsync("/api/agents/supervisors/deploy", Json(Deploy(name, null, (Sales, "Revenue"), (Supply, "Stock"))), cts.Token);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var first = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cts.Token)).RootElement;
        var id = first.GetProperty("supervisor_agent_id").GetString()!;
        Assert.Equal(2, first.GetProperty("tools").GetArrayLength());

        using var redeployed = await Http.PostAsync("/api/agents/supervisors/deploy", Json(Deploy(name, id, (Supply, "Shipments and stock"))), cts.Token);
        Assert.Equal(HttpStatusCode.OK, redeployed.StatusCode);
        var second = JsonDocument.Parse(await redeployed.Content.ReadAsStringAsync(cts.Token)).RootElement;
        var tool = Assert.Single(second.GetProperty("tools").EnumerateArray());
        Assert.Equal(Supply, tool.GetProperty("space_id").GetString());
        Assert.Equal("Shipments and stock", tool.GetProperty("description").GetString());

        using var read = await Http.GetAsync($"/api/agents/supervisors/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(name, JsonDocument.Parse(await read.Content.ReadAsStringAsync(cts.Token)).RootElement.GetProperty("display_name").GetString());

        using var deleted = await Http.DeleteAsync($"/api/agents/supervisors/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(cts.Token));

        using var gone = await Http.GetAsync($"/api/agents/supervisors/{id}", cts.Token);
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
    }

    [Fact]
    public async Task A_taken_name_is_409_and_a_partial_failure_is_502_with_the_deploy_state()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var name = "Conflict " + Guid.NewGuid().ToString("N");
        using var created = await Http.PostAsync("/api/agents/supervisors/deploy", Json(Deploy(name, null, (Sales, "Revenue"))), cts.Token);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cts.Token)).RootElement.GetProperty("supervisor_agent_id").GetString()!;

        using var taken = await Http.PostAsync("/api/agents/supervisors/deploy", Json(Deploy(name, null, (Sales, "Revenue"))), cts.Token);
        await Problem.AssertAsync(taken, HttpStatusCode.Conflict, GenieErrorCodes.AlreadyExists, cts.Token);

        await fixture.Stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = $"/api/2.1/supervisor-agents/{id}/tools", Method = "POST", Status = 500, Times = 1 }, cts.Token);
        using var partial = await Http.PostAsync("/api/agents/supervisors/deploy", Json(Deploy(name, id, (Sales, "Revenue"), (Supply, "Stock"))), cts.Token);
        var problem = await Problem.AssertAsync(partial, (HttpStatusCode)502, GenieErrorCodes.DeployIncomplete, cts.Token);
        Assert.Contains("Deploy again", problem.Detail);
        var body = JsonDocument.Parse(await partial.Content.ReadAsStringAsync(cts.Token)).RootElement;
        var missing = Assert.Single(body.GetProperty("deploy").GetProperty("sync").GetProperty("tools").EnumerateArray(), t => t.GetProperty("state").GetString() == "missing");
        Assert.Equal(Supply, missing.GetProperty("space_id").GetString());
        Assert.Equal(id, body.GetProperty("deploy").GetProperty("supervisor_agent_id").GetString());
    }

    public static TheoryData<string> BadBodies() => new()
    {
        "not json",
        "null",
        "{\"display_name\": \"x\", \"agents\": []}",
        $"{{\"display_name\": \"x\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"a\"}}, {{\"space_id\": \"{Sales}\", \"description\": \"b\"}}]}}",
        $"{{\"display_name\": \"\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"a\"}}]}}",
        $"{{\"display_name\": \"x\", \"agents\": [{{\"space_id\": \"a b\", \"description\": \"a\"}}]}}",
        $"{{\"display_name\": \"x\", \"agents\": [{string.Join(",", Enumerable.Range(0, 21).Select(i => $"{{\"space_id\": \"s{i}\", \"description\": \"d\"}}"))}]}}",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_deploys_are_400_before_the_bus(string body)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Stack.Emulator.ResetAsync(cts.Token);

        using var response = await Http.PostAsync("/api/agents/supervisors/deploy", new StringContent(body, Encoding.UTF8, "application/json"), cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Equal(0, await fixture.Stack.Emulator.CallCountAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public async Task A_deploy_larger_than_4_KB_is_accepted_and_one_over_64_KB_is_413()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var name = "Big " + Guid.NewGuid().ToString("N");
        using var big = await Http.PostAsync("/api/agents/supervisors/deploy",
            Json(new { display_name = name, instructions = new string('i', 9000), agents = new[] { new { space_id = Sales, description = new string('r', 500) } } }), cts.Token);
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);

        using var huge = await Http.PostAsync("/api/agents/supervisors/deploy",
            Json(new { display_name = name, instructions = new string('i', 70_000), agents = Array.Empty<object>() }), cts.Token);
        await Problem.AssertAsync(huge, HttpStatusCode.RequestEntityTooLarge, GenieErrorCodes.InvalidRequest, cts.Token);
    }

    [Theory]
    [InlineData("GET", "/api/agents/supervisors/a.b")]
    [InlineData("DELETE", "/api/agents/supervisors/a.b")]
    [InlineData("POST", "/api/agents/supervisors/deploy")] // no JSON content type
    public async Task Bad_ids_and_content_types_are_400(string method, string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "text/plain");
        }

        using var response = await Http.SendAsync(request, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
    }
}
