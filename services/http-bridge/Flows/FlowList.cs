namespace GenieCanvas.Bridge.Flows;

/// <summary>The answer of <c>GET /api/flows</c>: <c>{"flows":[…]}</c>, sorted by name.</summary>
public sealed record FlowList(IReadOnlyList<FlowSummary> Flows);
