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
/// </summary>
public sealed partial class BusForwarder(
    INatsConnection nats, IOptions<BridgeOptions> options, IHostApplicationLifetime lifetime, ILogger<BusForwarder> logger)
{
    private static readonly INatsSerialize<ReadOnlyMemory<byte>> RawRequest = NatsRawSerializer<ReadOnlyMemory<byte>>.Default;
    private static readonly INatsDeserialize<NatsMemoryOwner<byte>> RawReply = NatsRawSerializer<NatsMemoryOwner<byte>>.Default;

    private readonly TimeSpan _timeout = options.Value.RequestTimeout;
    private readonly NatsSubOpts _replyOpts = new() { Timeout = options.Value.RequestTimeout };

    /// <summary>
    /// Sends <paramref name="request"/> (serialized with its source-generated <paramref name="type"/>, so the bus gets
    /// the canonical body, never the caller's bytes) to <paramref name="subject"/> and answers with the outcome.
    /// </summary>
    /// <param name="successStatus">200 (the reply as it came) or e.g. 204 for a DELETE (no body).</param>
    public Task<Results<BusReplyResult, ProblemHttpResult>> ForwardAsync<TRequest>(
        string subject, TRequest request, JsonTypeInfo<TRequest> type, HttpContext http, int successStatus = StatusCodes.Status200OK) =>
        SendAsync(subject, JsonSerializer.SerializeToUtf8Bytes(request, type), http, successStatus);

    private async Task<Results<BusReplyResult, ProblemHttpResult>> SendAsync(string subject, ReadOnlyMemory<byte> body, HttpContext http, int successStatus)
    {
        // Never queue a request behind a reconnect: answer at once and let the caller retry.
        if (nats.ConnectionState != NatsConnectionState.Open)
        {
            return GenieProblems.BusUnavailable(http);
        }

        var headers = new NatsHeaders { [GenieHeaders.RequestId] = http.TraceIdentifier };
        if (TraceContext.TraceParent(http) is { } traceParent)
        {
            headers[GenieHeaders.TraceParent] = traceParent;
        }

        // A request waiting on the bus ends when the caller goes away or the bridge stops (then with a 503, so a
        // stop never waits out the request timeout).
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        NatsMsg<NatsMemoryOwner<byte>> reply;
        try
        {
            reply = await nats.RequestAsync(subject, body, headers, RawRequest, RawReply, replyOpts: _replyOpts, cancellationToken: waiting.Token);
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
        catch (NatsNoRespondersException)
        {
            return GenieProblems.NoResponders(http);
        }
        catch (NatsNoReplyException)
        {
            // A timeout while the connection dropped is a bus failure, not a slow responder.
            if (nats.ConnectionState != NatsConnectionState.Open)
            {
                return GenieProblems.BusUnavailable(http);
            }
            LogTimeout(logger, subject, http.TraceIdentifier, _timeout);
            return GenieProblems.ResponderTimeout(http, _timeout);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} on {Subject} failed on the bus: {Failure}")]
    private static partial void LogBusFailure(ILogger logger, string subject, string requestId, string failure);
}
