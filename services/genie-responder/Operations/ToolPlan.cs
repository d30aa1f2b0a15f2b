namespace GenieCanvas.Responder.Operations;

/// <summary>One change a deploy makes to a tool (<c>add</c>, <c>update</c>, <c>remove</c> or <c>none</c>).</summary>
public sealed record ToolChange(string Change, string ToolId, string? SpaceId, string? Description, RemoteTool? Current);

/// <summary>
/// What it takes to make a supervisor's tools match the agents asked for, matched by space id: a space not there is
/// added (with its stable tool id), one there with another description is patched (only the description can change),
/// every other tool is removed (a second tool for the same space, or any tool no agent asks for). Pure: no calls.
/// </summary>
public static class ToolPlan
{
    public const string Add = "add";
    public const string Update = "update";
    public const string Remove = "remove";
    public const string None = "none";

    public static List<ToolChange> Make(IReadOnlyList<(string SpaceId, string Description)> agents, IReadOnlyList<RemoteTool> current)
    {
        var plan = new List<ToolChange>();
        var kept = new HashSet<RemoteTool>(ReferenceEqualityComparer.Instance);
        foreach (var (spaceId, description) in agents)
        {
            var stableId = SupervisorTools.StableToolId(spaceId);
            var match = current.Where(t => t.SpaceId == spaceId).OrderByDescending(t => t.ToolId == stableId).FirstOrDefault();
            if (match is null)
            {
                plan.Add(new ToolChange(Add, stableId, spaceId, description, null));
                continue;
            }
            kept.Add(match);
            plan.Add(new ToolChange(match.Description == description ? None : Update, match.ToolId, spaceId, description, match));
        }
        plan.AddRange(current.Where(t => !kept.Contains(t)).Select(t => new ToolChange(Remove, t.ToolId, t.SpaceId, t.Description, t)));
        return plan;
    }
}
