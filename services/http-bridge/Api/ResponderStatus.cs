namespace GenieCanvas.Bridge.Api;

/// <summary>One genie responder as its $SRV.STATS.genie answer describes it; counts are summed over its endpoints.</summary>
public sealed record ResponderStatus(
    string Id,
    string Version,
    DateTimeOffset? Started,
    long Requests,
    long Errors,
    IReadOnlyList<ResponderEndpointStatus> Endpoints,
    string? Workspace = null,
    bool Demo = false);
