namespace GenieCanvas.Responder.Bus;

/// <summary>
/// One bus operation, one file in <c>Operations/</c>: parse the contract record, validate, call Databricks, return the
/// reply. Everything shared (concurrency bound, the request's one deadline, error replies, the log line with the
/// request id) is the <see cref="OperationDispatcher"/>'s. Register with <c>services.AddBusOperation&lt;T&gt;()</c>.
/// </summary>
public interface IBusOperation
{
    BusEndpoint Endpoint { get; }

    /// <summary>
    /// Handles one request. Return <see cref="Outcome.Ok"/> or an error outcome; throw <see cref="OutcomeException"/>
    /// from deeper code. Bound every wait by <see cref="BusRequest.Cancellation"/> (the request's deadline). A streamed
    /// operation sends its events with <see cref="BusRequest.SendEventAsync"/> first; the outcome is the final message.
    /// </summary>
    Task<Outcome> HandleAsync(BusRequest request);
}
