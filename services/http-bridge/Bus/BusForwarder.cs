using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GenieCanvas.Bridge.Api;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// The one way a route reaches an operation: send the contract record as one NATS request (with X-Request-Id and
/// traceparent), and map what comes back to HTTP: the reply bytes as they came, an error reply as ProblemDetails,
/// a bus failure as 503 (no responders / timeout / not connected). A route validates first, then calls
/// <see cref="ForwardAsync{TRequest}"/>.
/// How long it waits: a responder answers within its budget (even if only with 504), so a reply that has not come
/// by the budget plus <see cref="BridgeOptions.ReplyMargin"/> never will (its responder died mid-call). A request
/// whose connection drops fails at once (<see cref="BusConnectionWatch.Lost"/>); a new one during a reconnect is
/// held for <see cref="BridgeOptions.ReconnectWait"/>.
/// </summary>
public sealed partial class BusForwarder(
    INatsConnection nats, BusConnectionWatch connection, IOptions<BridgeOptions> options, IHostApplicationLifetime lifetime,
    ILogger<BusForwarder> logger)
{
    private static readonly INatsSerialize<ReadOnlyMemory<byte>> RawRequest = NatsRawSerializer<ReadOnlyMemory<byte>>.Default;
    private static readonly INatsDeserialize<NatsMemoryOwner<byte>> RawReply = NatsRawSerializer<NatsMemoryOwner<byte>>.Default;

    private readonly BridgeOptions _options = options.Value;
    private readonly NatsSubOpts _defaultReplyOpts = new() { Timeout = DefaultWait(options.Value) };

    /// <summary>
    /// How long a request of an operation with <paramref name="budget"/> waits for its reply: the budget plus the
    /// margin. Without one (every v1 operation) the responders' <see cref="BridgeOptions.ResponderBudget"/> plus the
    /// margin, capped by <see cref="BridgeOptions.RequestTimeout"/>; an operation with its own, longer budget (genie.ask)
    /// passes it and is not capped (its route keeps the client waiting, e.g. with a stream).
    /// </summary>
    public TimeSpan ReplyWait(TimeSpan? budget = null) =>
        budget is { } own ? own + _options.ReplyMargin : DefaultWait(_options);

    /// <summary>
    /// Sends <paramref name="request"/> (serialized with its source-generated <paramref name="type"/>, so the bus gets
    /// the canonical body, never the caller's bytes) to <paramref name="subject"/> and answers with the outcome.
    /// <paramref name="budget"/>: the operation's own budget when it is not the responders' usual one.
    /// </summary>
    /// <param name="successStatus">200 (the reply as it came) or e.g. 204 for a DELETE (no body).</param>
    public Task<Results<BusReplyResult, ProblemHttpResult>> ForwardAsync<TRequest>(
        string subject, TRequest request, JsonTypeInfo<TRequest> type, HttpContext http,
        int successStatus = StatusCodes.Status200OK, TimeSpan? budget = null) =>
        SendAsync(subject, JsonSerializer.SerializeToUtf8Bytes(request, type), http,
            budget is null ? _defaultReplyOpts : new NatsSubOpts { Timeout = ReplyWait(budget) }, successStatus);

    private static TimeSpan DefaultWait(BridgeOptions options)
    {
        var wait = options.ResponderBudget + options.ReplyMargin;
        return wait < options.RequestTimeout ? wait : options.RequestTimeout;
    }

    private async Task<Results<BusReplyResult, ProblemHttpResult>> SendAsync(
        string subject, ReadOnlyMemory<byte> body, HttpContext http, NatsSubOpts replyOpts, int successStatus)
    {
        // During a reconnect (another node is usually milliseconds away) hold the request briefly, then answer at once
        // and let the caller retry: never queue it behind a reconnect of unknown length.
        try
        {
            if (!await connection.WaitOpenAsync(_options.ReconnectWait, http.RequestAborted))
            {
                return GenieProblems.BusUnavailable(http);
            }
        }
        catch (OperationCanceledException)
        {
            return GenieProblems.ClientClosed(http);
        }
        var lost = connection.Lost;

        var headers = new NatsHeaders { [GenieHeaders.RequestId] = http.TraceIdentifier };
        if (TraceContext.TraceParent(http) is { } traceParent)
        {
            headers[GenieHeaders.TraceParent] = traceParent;
        }

        // A request waiting on the bus ends when the caller goes away or the bridge stops (then with a 503, so a
        // stop never waits out the request timeout).
        // It also ends, with 503 BUS_UNAVAILABLE, as soon as the connection it was sent on drops.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, lost);
        NatsMsg<NatsMemoryOwner<byte>> reply;
        try
        {
            reply = await nats.RequestAsync(subject, body, headers, RawRequest, RawReply, replyOpts: replyOpts, cancellationToken: waiting.Token);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nothing to answer, and not an error of the bridge (logged as 499, not 500).
            return GenieProblems.ClientClosed(http);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return GenieProblems.ShuttingDown(http);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // Sent on a connection that is gone: its reply cannot come back on the new one.
            LogConnectionLost(logger, subject, http.TraceIdentifier);
            return GenieProblems.BusUnavailable(http);
        }
        catch (NatsNoRespondersException)
        {
            return GenieProblems.NoResponders(http);
        }
        catch (NatsNoReplyException)
        {
            // A timeout while the connection dropped is a bus failure, not a slow responder.
            if (nats.ConnectionState != NatsConnectionState.Open || lost.IsCancellationRequested)
            {
                return GenieProblems.BusUnavailable(http);
            }
            var wait = replyOpts.Timeout ?? _options.RequestTimeout;
            LogTimeout(logger, subject, http.TraceIdentifier, wait);
            return GenieProblems.ResponderTimeout(http, wait);
        }
        catch (Exception ex) when (ex is NatsException or ObjectDisposedException or OperationCanceledException)
        {
            LogBusFailure(logger, subject, http.TraceIdentifier, ex.GetType().Name);
            return GenieProblems.BusUnavailable(http);
        }

        return ToResult(reply, http, successStatus);
    }

    private static Results<BusReplyResult, ProblemHttpResult> ToResult(NatsMsg<NatsMemoryOwner<byte>> reply, HttpContext http, int successStatus)
    {
        var data = reply.Data;
        if (reply.HasNoResponders)
        {
            data.Dispose();
            return GenieProblems.NoResponders(http);
        }
        if (reply.Headers is { } headers && headers.TryGetValue(GenieHeaders.ServiceErrorCode, out var status))
        {
            using (data)
            {
                return ErrorReplyMapper.ToProblem(http, headers, status.ToString(), data.Memory);
            }
        }
        if (data.Memory.IsEmpty)
        {
            data.Dispose();
            return GenieProblems.Create(http, StatusCodes.Status502BadGateway, GenieErrorCodes.UpstreamError,
                "The Genie responder sent an empty reply.");
        }
        return new BusReplyResult(data, successStatus);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No reply on {Subject} within {Timeout} for request {RequestId}")]
    private static partial void LogTimeout(ILogger logger, string subject, string requestId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} on {Subject} failed: the NATS connection it was sent on dropped")]
    private static partial void LogConnectionLost(ILogger logger, string subject, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} on {Subject} failed on the bus: {Failure}")]
    private static partial void LogBusFailure(ILogger logger, string subject, string requestId, string failure);
}
