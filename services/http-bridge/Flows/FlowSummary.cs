namespace GenieCanvas.Bridge.Flows;

/// <summary>One item of <c>GET /api/flows</c>: <c>{"name","revision","updated"}</c>; <c>revision</c> is the ETag's value.</summary>
public sealed record FlowSummary(string Name, ulong Revision, DateTimeOffset Updated);
