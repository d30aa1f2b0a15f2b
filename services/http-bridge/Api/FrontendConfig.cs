namespace GenieCanvas.Bridge.Api;

/// <summary>
/// Body of GET /api/config: <c>{"defaultSpaceId", "workspace", "demo"}</c>. <c>workspace</c> (the Databricks host) and
/// <c>demo</c> come from the responders' service metadata; <c>workspace</c> is null while no responder answers.
/// </summary>
public sealed record FrontendConfig(string DefaultSpaceId, string? Workspace, bool Demo);
