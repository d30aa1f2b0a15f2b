namespace GenieCanvas.Bridge.Flows;

/// <summary>The body of a successful PUT: <c>{"name","revision"}</c> (the revision is also the new ETag).</summary>
public sealed record FlowSaved(string Name, ulong Revision);
