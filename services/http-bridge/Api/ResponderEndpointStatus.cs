namespace GenieCanvas.Bridge.Api;

/// <summary>Request and error counts of one endpoint (get, list) of a responder.</summary>
public sealed record ResponderEndpointStatus(string Name, string Subject, long Requests, long Errors);
