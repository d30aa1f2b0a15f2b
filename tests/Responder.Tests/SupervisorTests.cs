using System.Net.Http.Headers;

namespace GenieCanvas.Responder.Tests;

/// <summary>
/// agents.supervisor.deploy / get / delete against the emulator's supervisor-agents API: validation that reaches no
/// upstream, create, update, tools added/removed/patched, an idempotent redeploy (no write call, counted by the
/// emulator), a partial failure and its repair, name conflicts, missing spaces, delete then get.
/// </summary>
[Collection(ResponderCollection.Name)]
public sealed class SupervisorTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string Supply = "01f0a7a327cd11978f2951f81a61bfdd";
    private const string People = "01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1";

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}";

    private static object Agent(string spaceId, string description) => new { space_id = spaceId, description };

    private Task<BusReply> DeployAsync(object body) =>
        Stack.Bus.RequestAsync(AgentsSubjects.Deploy, JsonSerializer.SerializeToUtf8Bytes(body));

    private Task<BusReply> RequestAsync(string subject, string id) =>
        Stack.Bus.RequestAsync(subject, JsonSerializer.SerializeToUtf8Bytes(new { supervisor_agent_id = id }));

    /// <summary>Write calls (POST, PATCH, DELETE) that reached the emulator's supervisor-agents API.</summary>
    private async Task<long> WritesAsync() =>
        (await Stack.Emulator.CallsAsync()).ByRoute
            .Where(r => r.Key.Contains("/api/2.1/supervisor-agents", StringComparison.Ordinal) && !r.Key.StartsWith("GET ", StringComparison.Ordinal))
            .Sum(r => r.Value);

    /// <summary>The tools as the emulator holds them, read directly (not through the responder).</summary>
    private async Task<Dictionary<string, string>> ToolsInDatabricksAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stack.Emulator.Url), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Stack.Emulator.Token);
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/2.1/supervisor-agents/{id}/tools")).RootElement;
        return json.GetProperty("tools").EnumerateArray().ToDictionary(
            t => t.GetProperty("genie_space").GetProperty("space_id").GetString()!, t => t.GetProperty("description").GetString()!);
    }

    private static Dictionary<string, string> Tools(JsonElement reply) =>
        reply.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("space_id").GetString()!, t => t.GetProperty("description").GetString()!);

    public static TheoryData<string> BadDeploys() => new()
    {
        "not json",
        "[]",
        "{\"agents\": [{\"space_id\": \"01f0eca3dc1b1cbc9b65fa58f94c18ad\", \"description\": \"Sales\"}]}",
        "{\"display_name\": \"  \", \"agents\": [{\"space_id\": \"01f0eca3dc1b1cbc9b65fa58f94c18ad\", \"description\": \"Sales\"}]}",
        $"{{\"display_name\": \"{new string('n', 101)}\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"Sales\"}}]}}",
        $"{{\"display_name\": \"x\", \"description\": \"{new string('d', 1001)}\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"Sales\"}}]}}",
        "{\"display_name\": \"x\", \"agents\": []}",
        "{\"display_name\": \"x\"}",
        $"{{\"display_name\": \"x\", \"agents\": [{string.Join(",", Enumerable.Range(0, 21).Select(i => $"{{\"space_id\": \"s{i}\", \"description\": \"d\"}}"))}]}}",
        "{\"display_name\": \"x\", \"agents\": [{\"space_id\": \"../etc\", \"description\": \"Sales\"}]}",
        $"{{\"display_name\": \"x\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"\"}}]}}",
        $"{{\"display_name\": \"x\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"{new string('r', 501)}\"}}]}}",
        $"{{\"display_name\": \"x\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"a\"}}, {{\"space_id\": \"{Sales}\", \"description\": \"b\"}}]}}",
        $"{{\"supervisor_agent_id\": \"a/b\", \"display_name\": \"x\", \"agents\": [{{\"space_id\": \"{Sales}\", \"description\": \"a\"}}]}}",
        $"{{\"display_name\": \"x\", \"agents\": [null]}}",
    };

    [Theory]
    [MemberData(nameof(BadDeploys))]
    public async Task A_bad_deploy_is_400_and_reaches_no_upstream(string body)
    {
        var reply = await Stack.Bus.RequestAsync(AgentsSubjects.Deploy, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task Deploy_creates_the_supervisor_with_one_tool_per_space_and_get_reads_it_back()
    {
        var name = Unique("Sales and supply");
        var reply = await DeployAsync(new
        {
            display_name = name, description = "Routes business questions", instructions = "Be brief.",
            agents = new[] { Agent(Sales, "Revenue and orders"), Agent(Supply, "Shipments and stock") },
        });

        Assert.Equal(200, reply.Status);
        var json = reply.Json;
        var id = json.GetProperty("supervisor_agent_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(name, json.GetProperty("display_name").GetString());
        Assert.Equal("Be brief.", json.GetProperty("instructions").GetString());
        Assert.StartsWith("mas-", json.GetProperty("endpoint_name").GetString());
        Assert.Equal(new Dictionary<string, string> { [Sales] = "Revenue and orders", [Supply] = "Shipments and stock" }, Tools(json));
        Assert.Equal("genie-" + Sales, json.GetProperty("tools")[0].GetProperty("tool_id").GetString());
        var sync = json.GetProperty("sync");
        Assert.True(sync.GetProperty("complete").GetBoolean());
        Assert.Equal("created", sync.GetProperty("supervisor").GetString());
        Assert.Equal(3, sync.GetProperty("writes").GetInt32());
        Assert.All(sync.GetProperty("tools").EnumerateArray(), t => Assert.Equal("in_sync", t.GetProperty("state").GetString()));
        Assert.Equal(3, await WritesAsync());
        Assert.Equal(Tools(json), await ToolsInDatabricksAsync(id));

        var read = await RequestAsync(AgentsSubjects.Get, id);
        Assert.Equal(200, read.Status);
        Assert.Equal(name, read.Json.GetProperty("display_name").GetString());
        Assert.Equal(Tools(json), Tools(read.Json));
        Assert.False(read.Json.TryGetProperty("sync", out _));
    }

    [Fact]
    public async Task A_second_deploy_with_nothing_changed_makes_no_write_call()
    {
        var body = new { display_name = Unique("Idempotent"), description = "d", agents = new[] { Agent(Sales, "Revenue"), Agent(People, "Headcount") } };
        var first = await DeployAsync(body);
        var id = first.Json.GetProperty("supervisor_agent_id").GetString()!;
        await ResetEmulatorAsync();

        var second = await DeployAsync(new { supervisor_agent_id = id, body.display_name, body.description, body.agents });

        Assert.Equal(200, second.Status);
        Assert.Equal(0, await WritesAsync());
        Assert.Equal(0, second.Json.GetProperty("sync").GetProperty("writes").GetInt32());
        Assert.Equal("unchanged", second.Json.GetProperty("sync").GetProperty("supervisor").GetString());
        Assert.All(second.Json.GetProperty("sync").GetProperty("tools").EnumerateArray(), t => Assert.Equal("none", t.GetProperty("change").GetString()));
        Assert.Equal(Tools(first.Json), Tools(second.Json));
    }

    [Fact]
    public async Task An_update_patches_the_fields_and_makes_the_tools_follow_the_agents()
    {
        var first = await DeployAsync(new { display_name = Unique("Before"), description = "old", agents = new[] { Agent(Sales, "Revenue"), Agent(Supply, "Stock") } });
        var id = first.Json.GetProperty("supervisor_agent_id").GetString()!;
        await ResetEmulatorAsync();
        var renamed = Unique("After");

        var reply = await DeployAsync(new
        {
            supervisor_agent_id = id, display_name = renamed, description = "old",
            agents = new[] { Agent(Sales, "Revenue, orders and returns"), Agent(People, "Headcount") },
        });

        Assert.Equal(200, reply.Status);
        var sync = reply.Json.GetProperty("sync");
        Assert.Equal("updated", sync.GetProperty("supervisor").GetString());
        var changes = sync.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("space_id").GetString()!, t => t.GetProperty("change").GetString());
        Assert.Equal(new Dictionary<string, string?> { [Sales] = "update", [People] = "add", [Supply] = "remove" }, changes);
        Assert.Equal(4, sync.GetProperty("writes").GetInt32()); // PATCH supervisor, PATCH tool, POST tool, DELETE tool
        Assert.Equal(4, await WritesAsync());
        var calls = await Stack.Emulator.CallsAsync();
        Assert.Equal(1, calls.ForRoute("PATCH /api/2.1/supervisor-agents/{agentId}"));
        Assert.Equal(1, calls.ForRoute("PATCH /api/2.1/supervisor-agents/{agentId}/tools/{toolId}"));
        Assert.Equal(1, calls.ForRoute("DELETE /api/2.1/supervisor-agents/{agentId}/tools/{toolId}"));
        var expected = new Dictionary<string, string> { [Sales] = "Revenue, orders and returns", [People] = "Headcount" };
        Assert.Equal(expected, Tools(reply.Json));
        Assert.Equal(expected, await ToolsInDatabricksAsync(id));
        Assert.Equal(renamed, (await RequestAsync(AgentsSubjects.Get, id)).Json.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task A_tool_that_fails_to_sync_is_named_in_the_reply_and_the_next_deploy_repairs_it()
    {
        var first = await DeployAsync(new { display_name = Unique("Partial"), agents = new[] { Agent(Sales, "Revenue") } });
        var id = first.Json.GetProperty("supervisor_agent_id").GetString()!;
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = $"/api/2.1/supervisor-agents/{id}/tools", Method = "POST", Status = 500, Times = 1 });
        var body = new { supervisor_agent_id = id, display_name = first.Json.GetProperty("display_name").GetString(), agents = new[] { Agent(Sales, "Revenue"), Agent(Supply, "Stock"), Agent(People, "Headcount") } };

        var partial = await DeployAsync(body);

        Assert.Equal(502, partial.Status);
        Assert.Equal(GenieErrorCodes.DeployIncomplete, partial.ErrorCode);
        Assert.Contains("Deploy again", partial.ErrorText);
        var deploy = partial.Json.GetProperty("deploy");
        Assert.Equal(id, deploy.GetProperty("supervisor_agent_id").GetString());
        Assert.False(deploy.GetProperty("sync").GetProperty("complete").GetBoolean());
        var states = deploy.GetProperty("sync").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("state").GetString()).Order().ToList();
        Assert.Equal(["in_sync", "in_sync", "missing"], states);
        var missing = deploy.GetProperty("sync").GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("state").GetString() == "missing");
        Assert.Equal(GenieErrorCodes.UpstreamError, missing.GetProperty("error").GetProperty("code").GetString());
        var inDatabricks = await ToolsInDatabricksAsync(id);
        Assert.Equal(2, inDatabricks.Count);
        Assert.Equal(inDatabricks, Tools(deploy)); // the reply's tools are what Databricks holds

        var repaired = await DeployAsync(body);

        Assert.Equal(200, repaired.Status);
        Assert.Equal(1, repaired.Json.GetProperty("sync").GetProperty("writes").GetInt32());
        Assert.Equal(3, (await ToolsInDatabricksAsync(id)).Count);
    }

    [Fact]
    public async Task A_taken_name_is_409_already_exists()
    {
        var name = Unique("Taken");
        Assert.Equal(200, (await DeployAsync(new { display_name = name, agents = new[] { Agent(Sales, "Revenue") } })).Status);

        var reply = await DeployAsync(new { display_name = name.ToUpperInvariant(), agents = new[] { Agent(Sales, "Revenue") } });

        Assert.Equal(409, reply.Status);
        Assert.Equal(GenieErrorCodes.AlreadyExists, reply.ErrorCode);
        Assert.Contains("already exists", reply.ErrorText);
    }

    [Fact]
    public async Task A_missing_space_is_404_and_nothing_is_written()
    {
        var reply = await DeployAsync(new { display_name = Unique("Missing"), agents = new[] { Agent(Sales, "Revenue"), Agent("01f0ffffffffffffffffffffffffffff", "Nobody") } });

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
        Assert.Contains("01f0ffffffffffffffffffffffffffff", reply.ErrorText);
        Assert.Equal(0, await WritesAsync());
    }

    [Fact]
    public async Task Rejected_credentials_are_502_upstream_auth()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { Status = 401, Times = 1 });

        var reply = await RequestAsync(AgentsSubjects.Get, Guid.NewGuid().ToString());

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamAuth, reply.ErrorCode);
    }

    [Fact]
    public async Task Delete_removes_it_and_get_then_answers_404()
    {
        var id = (await DeployAsync(new { display_name = Unique("Short-lived"), agents = new[] { Agent(Sales, "Revenue") } })).Json.GetProperty("supervisor_agent_id").GetString()!;

        var deleted = await RequestAsync(AgentsSubjects.Delete, id);
        var read = await RequestAsync(AgentsSubjects.Get, id);
        var again = await RequestAsync(AgentsSubjects.Delete, id);
        var redeploy = await DeployAsync(new { supervisor_agent_id = id, display_name = "x", agents = new[] { Agent(Sales, "Revenue") } });

        Assert.Equal(200, deleted.Status);
        Assert.Equal("{}", deleted.Text);
        Assert.Equal(404, read.Status);
        Assert.Equal(GenieErrorCodes.NotFound, read.ErrorCode);
        Assert.Equal(404, again.Status);
        Assert.Equal(404, redeploy.Status);
        Assert.Contains("Deploy without supervisor_agent_id", redeploy.ErrorText);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"supervisor_agent_id\": \"../x\"}")]
    [InlineData("nope")]
    public async Task Get_and_delete_with_a_bad_id_are_400_and_reach_no_upstream(string body)
    {
        var get = await Stack.Bus.RequestAsync(AgentsSubjects.Get, Encoding.UTF8.GetBytes(body));
        var delete = await Stack.Bus.RequestAsync(AgentsSubjects.Delete, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, get.Status);
        Assert.Equal(400, delete.Status);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }
}
