namespace GenieCanvas.Responder.Bus;

/// <summary>
/// Where an operation listens: an endpoint <paramref name="Name"/> of the NATS micro service <paramref name="Service"/>
/// (queue group = service name), on <paramref name="Subject"/>. <paramref name="Streamed"/> operations answer several
/// times (events, then the final message, then the empty end-of-stream sentinel; see <see cref="BusRequest.SendEventAsync"/>).
/// <paramref name="Budget"/>: the request's deadline from arrival when the operation needs another than
/// <see cref="ResponderOptions.TotalBudget"/> (e.g. an ask that polls Genie for minutes).
/// </summary>
public sealed record BusEndpoint(string Service, string Name, string Subject, bool Streamed = false, TimeSpan? Budget = null);
