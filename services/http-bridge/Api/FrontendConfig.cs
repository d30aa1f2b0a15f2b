namespace GenieCanvas.Bridge.Api;

/// <summary>Body of GET /api/config: <c>{"defaultSpaceId": "…"}</c>.</summary>
public sealed record FrontendConfig(string DefaultSpaceId);
