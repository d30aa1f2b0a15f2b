using System.Collections.Concurrent;
using System.Globalization;
using GenieCanvas.Contracts;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// Runs every bus operation, whatever its service: takes the request off NATS.Net's one-at-a-time endpoint loop,
/// fixes its one deadline (arrival + <see cref="ResponderOptions.TotalBudget"/>), runs at most
/// <see cref="ResponderOptions.MaxInFlight"/> at once, turns failures into error replies, sends the reply and writes
/// the one log line per request with its request id. Operations only parse, validate, call and build the reply.
/// </summary>
public sealed class OperationDispatcher
{
    private readonly IOptions<ResponderOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<OperationDispatcher> logger;
    private readonly ResponderTelemetry telemetry;

    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    // Streamed requests in flight (asks), so that a cancel from their requester can find them by request id.
    private readonly ConcurrentDictionary<BusRequest, byte> _streams = new();

    // Upstream calls outlive SIGTERM by design; this ends them only when the grace period is over.
    private readonly CancellationTokenSource _hardStop = new();

    public OperationDispatcher(IOptions<ResponderOptions> options, TimeProvider time, ILogger<OperationDispatcher> logger, ResponderTelemetry telemetry)
    {
        (this.options, this.time, this.logger, this.telemetry) = (options, time, logger, telemetry);
        _slots = new(options.Value.MaxInFlight, options.Value.MaxInFlight);
        telemetry.ObserveInFlight(() => InFlight);
    }

    public int InFlight => _inFlight.Count;

    /// <summary>
    /// Runs on the endpoint's handler loop: hands the request to a slot and returns, so the next one is read. When every
    /// slot is busy it answers 503 SATURATED at once (Retry-After): waiting here would stall NATS.Net's channel and with
    /// it the connection's reader, so every other subscription (pings, other endpoints) would wait too. One that
    /// arrives when shutdown has started gets 503 SERVICE_UNAVAILABLE.
    /// </summary>
    public async ValueTask DispatchAsync(IBusOperation operation, NatsSvcMsg<byte[]> msg, INatsConnection bus, string instanceId, CancellationToken stopping)
    {
        var deadline = new RequestDeadline(time, operation.Endpoint.Budget ?? options.Value.TotalBudget, _hardStop.Token);
        var callerId = msg.Headers is { } headers && headers.TryGetValue(GenieHeaders.RequestId, out var id) ? id.ToString() : null;
        var request = new BusRequest(msg, operation.Endpoint, RequestId.KeepOrMake(callerId), deadline, instanceId);
        if (stopping.IsCancellationRequested || !_slots.Wait(0))
        {
            using var activity = ResponderTelemetry.StartRequest(operation.Endpoint.Subject, msg.Headers);
            using var scope = BeginRequestScope(request.RequestId);
            await FinishAsync(request, bus, stopping.IsCancellationRequested ? ShuttingDown : AtCapacity(options.Value.MaxInFlight));
            deadline.Dispose();
            return;
        }
        if (operation.Endpoint.Streamed)
        {
            _streams.TryAdd(request, 0);
        }
        var task = Task.Run(() => RunAsync(operation, request, bus), CancellationToken.None);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// The requester of a streamed request went away (<c>genie.ask.cancel</c> with its request id): end it now. Returns
    /// how many requests of this process had that id (0 when another responder holds it).
    /// </summary>
    public int Cancel(string requestId)
    {
        var cancelled = 0;
        foreach (var request in _streams.Keys)
        {
            if (string.Equals(request.RequestId, requestId, StringComparison.Ordinal))
            {
                request.Deadline.CancelByCaller();
                cancelled++;
            }
        }
        return cancelled;
    }

    public static Outcome CancelledByCaller { get; } =
        Outcome.Error(GenieErrorCodes.AskCancelled, "The caller went away; the ask was stopped.");

    /// <summary>Waits for the requests in flight, at most <paramref name="grace"/>; then abandons the rest (their deadline token fires).</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        if (!await WaitForInFlightAsync(grace))
        {
            logger.LogWarning("Shutdown grace of {GraceSeconds} s over; abandoning {InFlight} request(s)", grace.TotalSeconds, InFlight);
            await _hardStop.CancelAsync();
            await WaitForInFlightAsync(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Seconds a caller refused with 503 SATURATED is asked to wait.</summary>
    public const int SaturatedRetryAfterSeconds = 1;

    /// <summary>The 503 of a request that found every request slot busy; nothing was sent to Databricks.</summary>
    public static Outcome AtCapacity(int maxInFlight) => Outcome.Error(GenieErrorCodes.Saturated,
        $"The Genie responder is handling its limit of {maxInFlight} requests at once; nothing was sent to Databricks. Retry in {SaturatedRetryAfterSeconds} s.",
        retryAfterSeconds: SaturatedRetryAfterSeconds);

    /// <summary>The 504 of a request whose budget ran out while it waited for a Databricks call slot, before anything was sent.</summary>
    public static Outcome Saturated(string what, TimeSpan budget) => Outcome.Error(GenieErrorCodes.UpstreamTimeout,
        $"Nothing was sent to Databricks for {what}: the responder stayed busy with other Databricks calls for the whole {budget.TotalSeconds:0.#} s budget. Retry shortly.");

    public static Outcome ShuttingDown { get; } =
        Outcome.Error(GenieErrorCodes.ServiceUnavailable, "The responder is shutting down; retry the request.");

    public static Outcome TimedOut(string what, TimeSpan budget) => Outcome.Error(GenieErrorCodes.UpstreamTimeout,
        $"Databricks did not answer for {what} within {budget.TotalSeconds:0.#} s.");

    private async Task RunAsync(IBusOperation operation, BusRequest request, INatsConnection bus)
    {
        // Every log line of the request (Databricks client, Polly, OAuth) carries its request id and trace id.
        using var activity = ResponderTelemetry.StartRequest(request.Endpoint.Subject, request.Headers);
        using var scope = BeginRequestScope(request.RequestId);
        try
        {
            Outcome outcome;
            try
            {
                // The raw serializer does not fail, but a message that could not be built still arrives here.
                outcome = request.Message.Exception is null
                    ? await operation.HandleAsync(request)
                    : Outcome.Invalid("The request could not be read.");
            }
            catch (OutcomeException e)
            {
                outcome = e.Outcome;
            }
            catch (OperationCanceledException) when (request.Cancellation.IsCancellationRequested)
            {
                outcome = request.Deadline.Abandoned ? ShuttingDown : TimedOut(request.Target, request.Deadline.Budget);
            }
            catch (Exception e)
            {
                // A bug: the log gets the whole exception (message, inner exceptions, stack); the caller a plain 500.
                logger.LogError(e, "{Endpoint} request {RequestId} failed unexpectedly", request.Endpoint.Subject, request.RequestId);
                outcome = Outcome.Error(GenieErrorCodes.Internal,
                    $"The responder failed unexpectedly; the log has the details under request id {request.RequestId}.");
            }
            if (request.Deadline.CancelledByCaller && !outcome.IsSuccess)
            {
                outcome = CancelledByCaller;
            }
            await FinishAsync(request, bus, outcome);
        }
        finally
        {
            _streams.TryRemove(request, out _);
            request.Deadline.Dispose();
            _slots.Release();
        }
    }

    private async Task FinishAsync(BusRequest request, INatsConnection bus, Outcome outcome)
    {
        outcome = await ReplyAsync(request, bus, outcome);
        telemetry.RequestHandled(request.Endpoint.Subject, outcome, request.Deadline.Elapsed);
        logger.Log(
            outcome.Status >= 500 ? LogLevel.Warning : LogLevel.Information,
            "Handled {Endpoint} request {RequestId} {Target}: {Status} {Outcome}, upstream {UpstreamStatus}, {ElapsedMs:0.0} ms",
            request.Endpoint.Subject, request.RequestId, request.LogTag, outcome.Status, outcome.Code,
            outcome.UpstreamStatus?.ToString(CultureInfo.InvariantCulture) ?? "-", request.Deadline.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Sends the reply and returns what was sent. A success larger than the bus allows (nats-server max_payload, 1 MB
    /// by default; NATS.Net refuses it before sending) is replaced by a 502 saying so, or the requester would wait for
    /// its timeout and never learn why.
    /// </summary>
    private async Task<Outcome> ReplyAsync(BusRequest request, INatsConnection bus, Outcome outcome)
    {
        try
        {
            await BusReplies.SendAsync(request.Message, outcome, request.RequestId, request.Endpoint.Streamed);
            return outcome;
        }
        catch (NatsPayloadTooLargeException) when (outcome.IsSuccess)
        {
            var what = char.ToUpperInvariant(request.Target[0]) + request.Target[1..];
            var tooLarge = Outcome.Error(GenieErrorCodes.UpstreamError,
                $"{what} was read from Databricks, but its JSON is {outcome.Reply.Length} bytes, more than the bus's limit of {bus.ServerInfo?.MaxPayload ?? 0} bytes; raise max_payload in the nats-server config.",
                outcome.UpstreamStatus);
            return await ReplyAsync(request, bus, tooLarge);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            logger.LogWarning("{Endpoint} request {RequestId}: the reply could not be sent ({ExceptionType})",
                request.Endpoint.Subject, request.RequestId, e.GetType().Name);
            return outcome;
        }
    }

    private IDisposable? BeginRequestScope(string requestId) =>
        logger.BeginScope(new KeyValuePair<string, object>[] { new("RequestId", requestId) });

    private async Task<bool> WaitForInFlightAsync(TimeSpan grace)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return true;
        }
        logger.LogInformation("Waiting up to {GraceSeconds} s for {InFlight} request(s) in flight", grace.TotalSeconds, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(grace);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
