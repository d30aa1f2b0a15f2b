namespace GenieCanvas.Bridge.Api;

/// <summary>Body of GET /api/genie/status: <c>{"nats": "connected", "responders": [...]}</c>.</summary>
public sealed record GenieStatus(string Nats, IReadOnlyList<ResponderStatus> Responders);
