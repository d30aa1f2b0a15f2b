using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>agents.supervisor.deploy</c>: create the supervisor (no id) or update it (PATCH with an update_mask of the
/// changed fields only), then make its tools match <c>agents</c> exactly (<see cref="ToolPlan"/>). Nothing is written
/// before the input is valid and every space to add exists. A deploy that changes nothing makes no write call. When a
/// tool change fails after the supervisor exists, the reply is 502 DEPLOY_INCOMPLETE whose <c>deploy</c> member is the
/// usual reply with every tool's state; the next deploy repairs it.
/// </summary>
public sealed class DeploySupervisor(SupervisorAgentsClient supervisors) : IBusOperation
{
    private const string Example = "{\"display_name\", \"description\", \"instructions\", \"agents\": [{\"space_id\", \"description\"}]}";
    private const int ParallelWrites = 4;

    /// <summary>A tool change is not started with less time left than this; it is reported as not tried.</summary>
    private static readonly TimeSpan MinimumWriteWindow = TimeSpan.FromMilliseconds(500);

    public BusEndpoint Endpoint { get; } = new(AgentsSubjects.ServiceName, AgentsSubjects.DeployEndpoint, AgentsSubjects.Deploy);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.DeploySupervisorRequest, Example, out var input, out var problem)
            || !SupervisorRules.TryValidate(input!, out problem))
        {
            return Outcome.Invalid(problem);
        }
        var name = input!.DisplayName!.Trim();
        var description = input.Description ?? "";
        var instructions = input.Instructions ?? "";
        var agents = input.Agents!.Select(a => (a!.SpaceId!, a.Description!.Trim())).ToList();
        var id = input.SupervisorAgentId;
        request.Describe(id is null ? $"a new supervisor agent named '{name}'" : SupervisorAgentsClient.Supervisor(id), "supervisor " + (id ?? "(new)"));

        JsonObject supervisor;
        List<RemoteTool> current = [];
        string supervisorChange;
        var writes = 0;
        if (id is null)
        {
            await RequireSpacesAsync(agents.Select(a => a.Item1), request);
            supervisor = await Named(name, () => supervisors.CreateAsync(name, description, instructions, request.Deadline));
            writes++;
            id = RemoteTool.Text(supervisor, "supervisor_agent_id") ?? RemoteTool.Text(supervisor, "id")
                ?? throw new OutcomeException(Outcome.Error(GenieErrorCodes.UpstreamError, "Databricks created the supervisor agent but sent no supervisor_agent_id."));
            supervisorChange = "created";
        }
        else
        {
            supervisor = await Existing(id, () => supervisors.GetAsync(id, request.Deadline));
            current = [.. (await supervisors.ListToolsAsync(id, request.Deadline)).Select(RemoteTool.From)];
            await RequireSpacesAsync(ToolPlan.Make(agents, current).Where(c => c.Change == ToolPlan.Add).Select(c => c.SpaceId!), request);
            var mask = Changed(supervisor, name, description, instructions);
            if (mask.Count > 0)
            {
                var supervisorId = id;
                supervisor = await Named(name, () => supervisors.UpdateAsync(supervisorId, mask, name, description, instructions, request.Deadline));
                writes++;
            }
            supervisorChange = mask.Count > 0 ? "updated" : "unchanged";
        }
        request.Describe(SupervisorAgentsClient.Supervisor(id), "supervisor " + id);

        var results = await ApplyAsync(id, ToolPlan.Make(agents, current), request);
        writes += results.Sum(r => r.Writes);
        var complete = results.All(r => r.Error is null);
        var sync = new DeploySync(complete, supervisorChange, writes, [.. results.Select(r => r.Sync)]);
        var reply = SupervisorTools.Reply(supervisor, id, results.Where(r => r.Present).Select(r => r.Tool), sync);
        if (complete)
        {
            return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(reply, GenieJsonContext.Default.SupervisorReply));
        }
        var failed = results.Where(r => r.Error is not null).ToList();
        var first = failed[0];
        var why = first.Error?.Message.TrimEnd('.');
        return Outcome.Error(GenieErrorCodes.DeployIncomplete,
            $"Supervisor '{name}' was {supervisorChange}, but {failed.Count} of {results.Count(r => r.Sync.Change != ToolPlan.None)} tool changes did not go through " +
            $"(first: {Verb(first.Sync.Change)} Genie space '{first.Sync.SpaceId ?? first.Sync.ToolId}': {why}). Deploy again to finish; the changes that went through are kept.") with
        {
            ErrorExtensions = new() { ["deploy"] = JsonSerializer.SerializeToElement(reply, GenieJsonContext.Default.SupervisorReply) },
        };
    }

    /// <summary>The fields that differ from Databricks (a missing description or instructions counts as empty).</summary>
    private static List<string> Changed(JsonObject supervisor, string name, string description, string instructions)
    {
        var mask = new List<string>();
        if (RemoteTool.Text(supervisor, "display_name") != name) mask.Add("display_name");
        if ((RemoteTool.Text(supervisor, "description") ?? "") != description) mask.Add("description");
        if ((RemoteTool.Text(supervisor, "instructions") ?? "") != instructions) mask.Add("instructions");
        return mask;
    }

    /// <summary>Every space to add must exist before anything is written: else 404 NOT_FOUND and nothing changes.</summary>
    private async Task RequireSpacesAsync(IEnumerable<string> spaceIds, BusRequest request)
    {
        var checks = spaceIds.Select(async spaceId =>
        {
            try
            {
                await supervisors.GetSpaceAsync(spaceId, request.Deadline);
                return null;
            }
            catch (OutcomeException e)
            {
                return e.Outcome.Code == GenieErrorCodes.NotFound
                    ? e.Outcome with { Message = e.Outcome.Message + " Nothing was changed: connect an existing space, or remove this one." }
                    : e.Outcome;
            }
        });
        if ((await Task.WhenAll(checks)).FirstOrDefault(o => o is not null) is { } failure)
        {
            throw new OutcomeException(failure);
        }
    }

    /// <summary>Runs the plan: removals first (they free tool ids and room), then updates and additions, a few at a time.</summary>
    private async Task<List<ToolResult>> ApplyAsync(string id, List<ToolChange> plan, BusRequest request)
    {
        var results = new ToolResult[plan.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites }; // no token: every change gets a result
        foreach (var removals in new[] { true, false })
        {
            var batch = Enumerable.Range(0, plan.Count).Where(i => (plan[i].Change == ToolPlan.Remove) == removals);
            await Parallel.ForEachAsync(batch, options, async (i, _) => results[i] = await ApplyOneAsync(id, plan[i], request));
        }
        return [.. results];
    }

    private async Task<ToolResult> ApplyOneAsync(string id, ToolChange change, BusRequest request)
    {
        if (change.Change == ToolPlan.None)
        {
            return ToolResult.Done(change, 0);
        }
        if (request.Deadline.Remaining < MinimumWriteWindow)
        {
            return ToolResult.Failed(change, 0, Outcome.Error(GenieErrorCodes.UpstreamTimeout,
                $"not tried: the deploy's {request.Deadline.Budget.TotalSeconds:0.#} s budget ran out first"));
        }
        try
        {
            switch (change.Change)
            {
                case ToolPlan.Remove:
                    await supervisors.DeleteToolAsync(id, change.ToolId, request.Deadline);
                    return ToolResult.Done(change, 1);
                case ToolPlan.Update:
                    await supervisors.UpdateToolDescriptionAsync(id, change.ToolId, change.Description!, request.Deadline);
                    return ToolResult.Done(change, 1);
                default:
                    return await AddAsync(id, change, request);
            }
        }
        catch (OutcomeException e)
        {
            return ToolResult.Failed(change, 1, e.Outcome);
        }
    }

    /// <summary>
    /// Adds a tool. A 409 on its id means an earlier attempt (or a concurrent deploy) already made it: when that tool is
    /// this space, it counts as added (its description patched if needed).
    /// </summary>
    private async Task<ToolResult> AddAsync(string id, ToolChange change, BusRequest request)
    {
        try
        {
            await supervisors.AddGenieToolAsync(id, change.ToolId, change.SpaceId!, change.Description!, request.Deadline);
            return ToolResult.Done(change, 1);
        }
        catch (OutcomeException e) when (e.Outcome.Code == GenieErrorCodes.AlreadyExists)
        {
            var existing = RemoteTool.From(await supervisors.GetToolAsync(id, change.ToolId, request.Deadline));
            if (existing.SpaceId != change.SpaceId)
            {
                return ToolResult.Failed(change, 1, Outcome.Error(GenieErrorCodes.AlreadyExists,
                    $"tool id '{change.ToolId}' is taken by another tool of this supervisor; delete it in Databricks"));
            }
            if (existing.Description != change.Description)
            {
                await supervisors.UpdateToolDescriptionAsync(id, change.ToolId, change.Description!, request.Deadline);
                return ToolResult.Done(change, 2);
            }
            return ToolResult.Done(change, 1);
        }
    }

    private static async Task<JsonObject> Named(string name, Func<Task<JsonObject>> call)
    {
        try
        {
            return await call();
        }
        catch (OutcomeException e) when (e.Outcome.Code == GenieErrorCodes.AlreadyExists)
        {
            throw new OutcomeException(e.Outcome with
            {
                Message = $"A supervisor named '{name}' already exists in this workspace; supervisor names must be unique. Choose another name.",
            });
        }
    }

    private static async Task<JsonObject> Existing(string id, Func<Task<JsonObject>> call)
    {
        try
        {
            return await call();
        }
        catch (OutcomeException e) when (e.Outcome.Code == GenieErrorCodes.NotFound)
        {
            throw new OutcomeException(e.Outcome with
            {
                Message = $"Supervisor agent '{id}' does not exist in Databricks (deleted, or no access for the configured identity). Deploy without supervisor_agent_id to create a new one.",
            });
        }
    }

    private static string Verb(string change) => change switch
    {
        ToolPlan.Add => "adding",
        ToolPlan.Update => "updating the description of",
        _ => "removing",
    };

    /// <summary>A tool after its change: its sync entry, whether it is in Databricks now, and as what.</summary>
    private sealed record ToolResult(ToolSync Sync, bool Present, RemoteTool Tool, int Writes, Outcome? Error)
    {
        public static ToolResult Done(ToolChange c, int writes) => c.Change == ToolPlan.Remove
            ? new(new ToolSync(c.ToolId, c.SpaceId, c.Description, c.Change, "removed"), false, c.Current!, writes, null)
            : new(new ToolSync(c.ToolId, c.SpaceId, c.Description, c.Change, "in_sync"), true,
                new RemoteTool(c.ToolId, RemoteTool.GenieSpaceType, c.SpaceId, c.Description), writes, null);

        public static ToolResult Failed(ToolChange c, int writes, Outcome error)
        {
            var (state, present) = c.Change switch { ToolPlan.Add => ("missing", false), ToolPlan.Update => ("stale", true), _ => ("extra", true) };
            var sync = new ToolSync(c.ToolId, c.SpaceId, c.Description, c.Change, state, new ToolSyncError(error.Code, error.Message));
            return new(sync, present, c.Current ?? new RemoteTool(c.ToolId, RemoteTool.GenieSpaceType, c.SpaceId, c.Description), writes, error);
        }
    }
}
