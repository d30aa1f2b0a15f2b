using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// Handles one request of either endpoint: validate first (a bad request never reaches Databricks), run the
/// operation, reply, and write the one log line per request (its time counted from arrival). Never throws: a bug
/// becomes 500 INTERNAL. <c>bus</c> is the connection the request came on: its server's max_payload bounds the reply.
/// </summary>
public sealed class GenieRequestHandler(GenieOperations operations, ILogger<GenieRequestHandler> logger)
{
    public Task HandleGetAsync(NatsSvcMsg<byte[]> msg, INatsConnection bus, RequestDeadline deadline) =>
        HandleAsync(msg, bus, GenieSubjects.Get, deadline, async () =>
        {
            if (!RequestBody.TryReadSpaceId(msg.Data, out var spaceId, out var problem))
            {
                return (null, Invalid(problem));
            }
            return (spaceId, await operations.GetSpaceAsync(spaceId, deadline));
        });

    public Task HandleListAsync(NatsSvcMsg<byte[]> msg, INatsConnection bus, RequestDeadline deadline) =>
        HandleAsync(msg, bus, GenieSubjects.List, deadline, async () =>
        {
            if (!RequestBody.TryReadListRequest(msg.Data, out var request, out var problem))
            {
                return (null, Invalid(problem));
            }
            return (null, await operations.ListSpacesAsync(request, deadline));
        });

    /// <summary>Answers a request that never got a slot before its deadline: 504, nothing sent to Databricks.</summary>
    public Task RejectSaturatedAsync(NatsSvcMsg<byte[]> msg, INatsConnection bus, string endpoint, RequestDeadline deadline) =>
        HandleAsync(msg, bus, endpoint, deadline, () => Task.FromResult<(string?, GenieOutcome)>(
            (null, new GenieOutcome(null, SaturatedError.For("this request", deadline.Budget), null))));

    private async Task HandleAsync(
        NatsSvcMsg<byte[]> msg, INatsConnection bus, string endpoint, RequestDeadline deadline, Func<Task<(string? SpaceId, GenieOutcome Outcome)>> run)
    {
        var requestId = RequestIds.From(msg.Headers);
        string? spaceId = null;
        GenieOutcome outcome;
        try
        {
            // The raw serializer does not fail, but a message that could not be built still arrives here: reply and stop.
            (spaceId, outcome) = msg.Exception is null
                ? await run()
                : (null, Invalid("The request could not be read."));
        }
        catch (Exception e)
        {
            // A bug. Log where it happened (type and stack, not the message: it could carry data), reply a plain 500.
            logger.LogError("{Endpoint} request {RequestId} failed with {ExceptionType} at {StackTrace}", endpoint, requestId, e.GetType().FullName, e.StackTrace);
            outcome = new GenieOutcome(null, new GenieError(500, GenieErrorCodes.Internal, $"The responder failed unexpectedly; the log has the details under request id {requestId}."), null);
        }

        outcome = await ReplyAsync(msg, bus, endpoint, requestId, spaceId, outcome);

        var elapsedMs = deadline.Elapsed.TotalMilliseconds;
        var code = outcome.Error?.Code ?? "OK";
        var status = outcome.Error?.Status ?? 200;
        logger.Log(
            status >= 500 ? LogLevel.Warning : LogLevel.Information,
            "Handled {Endpoint} request {RequestId} space {SpaceId}: {Status} {Outcome}, upstream {UpstreamStatus}, {ElapsedMs:0.0} ms",
            endpoint, requestId, spaceId ?? "-", status, code, outcome.UpstreamStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", elapsedMs);
    }

    /// <summary>
    /// Sends the reply and returns what was sent. A success larger than the bus allows (nats-server max_payload, 1 MB
    /// by default; NATS.Net refuses it before sending) is replaced by a 502 saying so, or the requester would wait for
    /// its timeout and never learn why.
    /// </summary>
    private async Task<GenieOutcome> ReplyAsync(
        NatsSvcMsg<byte[]> msg, INatsConnection bus, string endpoint, string requestId, string? spaceId, GenieOutcome outcome)
    {
        try
        {
            await GenieReplies.SendAsync(msg, outcome, requestId);
            return outcome;
        }
        catch (NatsPayloadTooLargeException) when (outcome.Error is null)
        {
            var size = outcome.Reply?.Length ?? 0;
            var limit = bus.ServerInfo?.MaxPayload ?? 0;
            var what = spaceId is null ? "The list of Genie spaces" : $"Genie space '{spaceId}'";
            var tooLarge = new GenieError(502, GenieErrorCodes.UpstreamError,
                $"{what} was read from Databricks, but its JSON is {size} bytes, more than the bus's limit of {limit} bytes; raise max_payload in the nats-server config.");
            return await ReplyAsync(msg, bus, endpoint, requestId, spaceId, outcome with { Reply = null, Error = tooLarge });
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            logger.LogWarning("{Endpoint} request {RequestId}: the reply could not be sent ({ExceptionType})", endpoint, requestId, e.GetType().Name);
            return outcome;
        }
    }

    private static GenieOutcome Invalid(string problem) =>
        new(null, new GenieError(400, GenieErrorCodes.InvalidRequest, problem), null);
}
