using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// What an operation gets for one request: the body, the request id, the deadline (its token ends every wait), and
/// for streamed operations the means to send events to the requester's reply subject before the final answer.
/// </summary>
/// <param name="instanceId">This responder's micro service id: each event names it (Genie-Responder).</param>
public sealed class BusRequest(NatsSvcMsg<byte[]> msg, BusEndpoint endpoint, string requestId, RequestDeadline deadline, string instanceId)
{
    internal NatsSvcMsg<byte[]> Message => msg;

    public BusEndpoint Endpoint => endpoint;

    public ReadOnlyMemory<byte> Body => msg.Data ?? [];

    public NatsHeaders? Headers => msg.Headers;

    public string RequestId => requestId;

    public RequestDeadline Deadline => deadline;

    /// <summary>Fires at the request's deadline (or when shutdown abandons it): pass it to every call and wait.</summary>
    public CancellationToken Cancellation => deadline.Token;

    /// <summary>What the request is about, for messages (e.g. "Genie space '01f0…'"); set it once the input is read.</summary>
    public string Target { get; private set; } = "this request";

    /// <summary>The same for the log line (e.g. "space 01f0…"); "-" until set.</summary>
    public string LogTag { get; private set; } = "-";

    public void Describe(string target, string logTag)
    {
        Target = target;
        LogTag = logTag;
    }

    /// <summary>
    /// Streamed operations only: one event to the requester (header <c>Genie-Event: name</c>, the body as given, and
    /// <c>Genie-Responder</c>: who sends it, so a requester can check on exactly this responder while it waits). The
    /// dispatcher sends the final message (<c>answer</c> or <c>error</c>) and the empty end-of-stream sentinel itself.
    /// </summary>
    public async ValueTask SendEventAsync(string name, ReadOnlyMemory<byte> body)
    {
        if (!endpoint.Streamed)
        {
            throw new InvalidOperationException($"{endpoint.Subject} is not a streamed endpoint.");
        }
        var headers = new NatsHeaders { [GenieHeaders.RequestId] = requestId, [GenieHeaders.Event] = name, [GenieHeaders.Responder] = instanceId };
        await msg.ReplyAsync(body, headers, serializer: NatsRawSerializer<ReadOnlyMemory<byte>>.Default, cancellationToken: Cancellation);
    }
}
