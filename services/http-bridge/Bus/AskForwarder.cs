using System.Text.Json;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Contracts;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// The bus side of <c>POST /api/genie/ask</c>: opens the <c>genie.ask</c> stream (canonical body, X-Request-Id,
/// traceparent), tells the responders when the caller went away (<c>genie.ask.cancel</c> with the request id), and
/// checks that a genie responder is still on the bus while an ask waits.
/// </summary>
public sealed partial class AskForwarder(INatsConnection nats, IOptions<BridgeOptions> options, IHostApplicationLifetime lifetime, ILogger<AskForwarder> logger)
{
    public bool Connected => nats.ConnectionState == NatsConnectionState.Open;

    public TimeSpan KeepAlive => options.Value.AskKeepAlive;

    public AskStream Open(AskRequest request, HttpContext http)
    {
        var headers = new NatsHeaders { [GenieHeaders.RequestId] = http.TraceIdentifier };
        if (TraceContext.TraceParent(http) is { } traceParent)
        {
            headers[GenieHeaders.TraceParent] = traceParent;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(request, GenieJsonContext.Default.AskRequest);
        // Ends when the caller goes away or the bridge stops.
        return new AskStream(nats, body, headers, options.Value.AskTimeout, http.RequestAborted, lifetime.ApplicationStopping);
    }

    /// <summary>The caller went away before the final event: every responder hears it, the one polling stops.</summary>
    public async Task CancelAsync(string requestId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await nats.PublishAsync(GenieSubjects.AskCancel, JsonSerializer.SerializeToUtf8Bytes(new AskCancelRequest(requestId), GenieJsonContext.Default.AskCancelRequest),
                serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: timeout.Token);
            LogCancelled(logger, requestId);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException or ObjectDisposedException)
        {
            LogCancelFailed(logger, requestId, e.GetType().Name);
        }
    }

    /// <summary>
    /// Whether the responder answering the ask is still on the bus: <c>$SRV.PING.genie.&lt;id&gt;</c> once its first
    /// event named it, else any genie responder (<c>$SRV.PING.genie</c>). False: the ask's stream can never end.
    /// </summary>
    public async Task<bool> ResponderAliveAsync(string? responderId)
    {
        try
        {
            var subject = responderId is null ? GenieSubjects.Ping : $"{GenieSubjects.Ping}.{responderId}";
            var pong = await nats.RequestAsync<byte[], byte[]>(subject, [], requestSerializer: NatsRawSerializer<byte[]>.Default,
                replySerializer: NatsRawSerializer<byte[]>.Default, replyOpts: new NatsSubOpts { Timeout = options.Value.ResponderPingTimeout });
            // Direct request-reply (the bus options) hands "no responders" back as a 503 status message, not a throw.
            return !pong.HasNoResponders;
        }
        catch (NatsNoRespondersException)
        {
            return false;
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            // A slow ping or a bus hiccup is not proof that the responder is gone.
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ask {RequestId}: the caller went away; cancel sent to the responders")]
    private static partial void LogCancelled(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ask {RequestId}: the cancel could not be sent ({Failure})")]
    private static partial void LogCancelFailed(ILogger logger, string requestId, string failure);
}
