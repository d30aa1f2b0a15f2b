using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class SupervisorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Agents = "/api/2.1/supervisor-agents";
    private const string OtherSpace = "01f0a7a327cd11978f2951f81a61bfdd";

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private async Task<JsonElement> CreateAgentAsync(string name, CancellationToken ct)
    {
        var (response, agent) = await fixture.PostAsync(Agents, new { display_name = name, description = "Routes sales and supply questions", instructions = "Be brief." }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return agent;
    }

    private static object GenieTool(string spaceId, string description) =>
        new { tool_type = "genie_space", description, genie_space = new { id = spaceId, space_id = spaceId } };

    [Fact]
    public async Task Create_answers_the_SupervisorAgent_with_its_output_fields_and_names_are_unique()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var name = Unique("Sales supervisor");

        var agent = await CreateAgentAsync(name, cts.Token);
        var (wrappedResponse, wrapped) = await fixture.PostAsync(Agents, new { supervisor_agent = new { display_name = Unique("Wrapped") } }, cts.Token);
        var (duplicate, duplicateBody) = await fixture.PostAsync(Agents, new { display_name = name.ToUpperInvariant() }, cts.Token);
        var (noName, noNameBody) = await fixture.PostAsync(Agents, new { description = "no name" }, cts.Token);
        var (badType, _) = await fixture.PostAsync(Agents, new { display_name = 5 }, cts.Token);

        var id = agent.GetProperty("supervisor_agent_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.Equal("supervisor-agents/" + id, agent.GetProperty("name").GetString());
        Assert.Equal(name, agent.GetProperty("display_name").GetString());
        Assert.Equal("Routes sales and supply questions", agent.GetProperty("description").GetString());
        Assert.Equal("Be brief.", agent.GetProperty("instructions").GetString());
        Assert.False(string.IsNullOrEmpty(agent.GetProperty("endpoint_name").GetString()));
        Assert.False(string.IsNullOrEmpty(agent.GetProperty("experiment_id").GetString()));
        Assert.False(string.IsNullOrEmpty(agent.GetProperty("creator").GetString()));
        Assert.True(DateTimeOffset.TryParse(agent.GetProperty("create_time").GetString(), out _));
        Assert.Equal(HttpStatusCode.OK, wrappedResponse.StatusCode);
        Assert.StartsWith("Wrapped", wrapped.GetProperty("display_name").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("ALREADY_EXISTS", duplicateBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", noNameBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
    }

    [Fact]
    public async Task Get_list_with_paging_and_delete()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await CreateAgentAsync(Unique("Paged " + i), cts.Token)).GetProperty("supervisor_agent_id").GetString()!);
        }
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (_, page) = await fixture.GetAsync(Agents + "?page_size=1" + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token)), cts.Token);
            var items = page.GetProperty("supervisor_agents").EnumerateArray().ToList();
            Assert.Single(items);
            seen.AddRange(items.Select(a => a.GetProperty("supervisor_agent_id").GetString()!));
            token = page.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 100);
        var (got, agent) = await fixture.GetAsync($"{Agents}/{created[0]}", cts.Token);
        var (tooBig, tooBigBody) = await fixture.GetAsync(Agents + "?page_size=101", cts.Token);
        var (deleted, _) = await fixture.SendAsync(HttpMethod.Delete, $"{Agents}/{created[0]}", null, cts.Token);
        var (afterDelete, afterBody) = await fixture.GetAsync($"{Agents}/{created[0]}", cts.Token);
        var (deleteAgain, _) = await fixture.SendAsync(HttpMethod.Delete, $"{Agents}/{created[0]}", null, cts.Token);

        Assert.Subset(seen.ToHashSet(), created.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(created[0], agent.GetProperty("supervisor_agent_id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", tooBigBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", afterBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
    }

    [Fact]
    public async Task Patch_changes_only_the_masked_fields_and_refuses_other_masks_and_taken_names()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var name = Unique("Patch me");
        var taken = Unique("Taken");
        var id = (await CreateAgentAsync(name, cts.Token)).GetProperty("supervisor_agent_id").GetString()!;
        await CreateAgentAsync(taken, cts.Token);
        var path = $"{Agents}/{id}";

        var (ok, patched) = await fixture.SendAsync(HttpMethod.Patch, path + "?update_mask=description,instructions",
            JsonSerializer.Serialize(new { display_name = "ignored, not in the mask", description = "New description", instructions = "New instructions" }), cts.Token);
        var (noMask, _) = await fixture.SendAsync(HttpMethod.Patch, path, """{"description":"x"}""", cts.Token);
        var (outputOnly, outputOnlyBody) = await fixture.SendAsync(HttpMethod.Patch, path + "?update_mask=endpoint_name", """{"endpoint_name":"x"}""", cts.Token);
        var (conflict, conflictBody) = await fixture.SendAsync(HttpMethod.Patch, path + "?update_mask=display_name",
            JsonSerializer.Serialize(new { display_name = taken }), cts.Token);
        var (renamed, renamedBody) = await fixture.SendAsync(HttpMethod.Patch, path + "?update_mask=display_name",
            JsonSerializer.Serialize(new { supervisor_agent = new { display_name = name + " 2" } }), cts.Token);
        var (_, final) = await fixture.GetAsync(path, cts.Token);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(name, patched.GetProperty("display_name").GetString());
        Assert.Equal("New description", patched.GetProperty("description").GetString());
        Assert.Equal("New instructions", patched.GetProperty("instructions").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noMask.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outputOnly.StatusCode);
        Assert.Contains("endpoint_name", outputOnlyBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("ALREADY_EXISTS", conflictBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(name + " 2", renamedBody.GetProperty("display_name").GetString());
        Assert.Equal(name + " 2", final.GetProperty("display_name").GetString());
        Assert.Equal("New description", final.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Genie_space_tools_are_created_listed_patched_only_in_description_and_deleted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var id = (await CreateAgentAsync(Unique("Tools"), cts.Token)).GetProperty("supervisor_agent_id").GetString()!;
        var tools = $"{Agents}/{id}/tools";

        var (created, tool) = await fixture.PostAsync(tools + "?tool_id=sales", GenieTool(EmulatorProcess.SalesSpaceId, "Revenue, orders, customers"), cts.Token);
        var (second, _) = await fixture.PostAsync(tools + "?tool_id=supply", GenieTool(OtherSpace, "Shipments and suppliers"), cts.Token);
        var (duplicate, duplicateBody) = await fixture.PostAsync(tools + "?tool_id=sales", GenieTool(EmulatorProcess.SalesSpaceId, "again"), cts.Token);
        var (missingSpace, missingSpaceBody) = await fixture.PostAsync(tools + "?tool_id=ghost", GenieTool("01f0000000000000000000000000dead", "ghost"), cts.Token);
        var (noToolId, _) = await fixture.PostAsync(tools, GenieTool(EmulatorProcess.SalesSpaceId, "x"), cts.Token);
        var (noSpecId, _) = await fixture.PostAsync(tools + "?tool_id=nospec", new { tool_type = "genie_space", genie_space = new { space_id = OtherSpace } }, cts.Token);
        var (badType, _) = await fixture.PostAsync(tools + "?tool_id=bad", new { tool_type = "genie_room", genie_space = new { id = OtherSpace } }, cts.Token);
        var (_, listed) = await fixture.GetAsync(tools, cts.Token);
        var (patched, patchedBody) = await fixture.SendAsync(HttpMethod.Patch, tools + "/sales?update_mask=description",
            JsonSerializer.Serialize(new { description = "Revenue and returns" }), cts.Token);
        var (specPatch, specPatchBody) = await fixture.SendAsync(HttpMethod.Patch, tools + "/sales?update_mask=genie_space",
            JsonSerializer.Serialize(new { genie_space = new { id = OtherSpace, space_id = OtherSpace } }), cts.Token);
        var (deleted, _) = await fixture.SendAsync(HttpMethod.Delete, tools + "/supply", null, cts.Token);
        var (_, afterDelete) = await fixture.GetAsync(tools, cts.Token);
        var (_, single) = await fixture.GetAsync(tools + "/sales", cts.Token);
        var (unknownAgent, _) = await fixture.GetAsync($"{Agents}/{Guid.NewGuid()}/tools", cts.Token);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("sales", tool.GetProperty("tool_id").GetString());
        Assert.Equal($"supervisor-agents/{id}/tools/sales", tool.GetProperty("name").GetString());
        Assert.Equal("genie_space", tool.GetProperty("tool_type").GetString());
        Assert.Equal("Revenue, orders, customers", tool.GetProperty("description").GetString());
        Assert.Equal(EmulatorProcess.SalesSpaceId, tool.GetProperty("genie_space").GetProperty("space_id").GetString());
        Assert.Equal(EmulatorProcess.SalesSpaceId, tool.GetProperty("genie_space").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("ALREADY_EXISTS", duplicateBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missingSpace.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", missingSpaceBody.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noToolId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSpecId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(["sales", "supply"], listed.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("tool_id").GetString()));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Revenue and returns", patchedBody.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, specPatch.StatusCode);
        Assert.Contains("only description", specPatchBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(["sales"], afterDelete.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("tool_id").GetString()));
        Assert.Equal(EmulatorProcess.SalesSpaceId, single.GetProperty("genie_space").GetProperty("id").GetString());
        Assert.Equal("Revenue and returns", single.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownAgent.StatusCode);
    }

    [Fact]
    public async Task A_fault_on_supervisor_creates_answers_its_status_and_calls_are_counted_by_route_not_by_space()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = Agents, Method = "POST", Status = 503, Times = 1 }, cts.Token);

        var (faulted, body) = await fixture.PostAsync(Agents, new { display_name = Unique("Faulted") }, cts.Token);
        var (list, _) = await fixture.GetAsync(Agents, cts.Token);
        var retried = await CreateAgentAsync(Unique("Retried"), cts.Token);
        var calls = await fixture.Emulator.CallsAsync(cts.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal("TEMPORARILY_UNAVAILABLE", body.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(Guid.TryParse(retried.GetProperty("supervisor_agent_id").GetString(), out _));
        Assert.Equal(2, calls.ForRoute("POST /api/2.1/supervisor-agents"));
        Assert.Equal(1, calls.ForRoute("GET /api/2.1/supervisor-agents"));
        Assert.Empty(calls.BySpace);
    }
}
