using NATS.Client.Core;

namespace GenieCanvas.Responder.Tests;

/// <summary>One message of a <c>genie.ask</c> stream as a requester sees it: its Genie-Event, headers and body.</summary>
public sealed record AskEvent(string Event, NatsHeaders? Headers, byte[] Body, TimeSpan At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Status => Event == "status" ? Json.GetProperty("status").GetString() : null;

    public int ErrorStatus => int.Parse(Headers![GenieHeaders.ServiceErrorCode].ToString(), System.Globalization.CultureInfo.InvariantCulture);

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string ErrorText => Json.GetProperty("error").GetProperty("message").GetString()!;
}

/// <summary>Asks as the bridge does: NATS.Net's RequestManyAsync, which stops on the empty end-of-stream message.</summary>
public static class AskClient
{
    public static readonly string[] TerminalEvents = ["answer", "error"];

    /// <summary>
    /// Every message of the stream until the sentinel (which is not returned; <c>ended</c> says it came), or until
    /// <paramref name="timeout"/>. <paramref name="onEvent"/> sees each event as it arrives.
    /// </summary>
    public static async Task<(List<AskEvent> Events, bool Ended)> AskAsync(
        this BusClient bus, object body, string? requestId = null, TimeSpan? timeout = null, Func<AskEvent, Task>? onEvent = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource(wait + TimeSpan.FromSeconds(2));
        var headers = new NatsHeaders { [GenieHeaders.RequestId] = requestId ?? RequestId.New() };
        var bytes = body as byte[] ?? JsonSerializer.SerializeToUtf8Bytes(body);
        var events = new List<AskEvent>();
        var watch = Stopwatch.StartNew();
        var ended = false;
        await foreach (var msg in bus.Connection.RequestManyAsync<byte[], byte[]>(
            GenieSubjects.Ask, bytes, headers,
            requestSerializer: NatsRawSerializer<byte[]>.Default,
            replySerializer: NatsRawSerializer<byte[]>.Default,
            replyOpts: new NatsSubOpts { Timeout = wait, StopOnEmptyMsg = false },
            cancellationToken: cts.Token))
        {
            if (msg.Data is not { Length: > 0 } && !(msg.Headers?.ContainsKey(GenieHeaders.Event) ?? false))
            {
                ended = true;
                break;
            }
            var name = msg.Headers is { } h && h.TryGetValue(GenieHeaders.Event, out var value) ? value.ToString() : "(none)";
            var ev = new AskEvent(name, msg.Headers, msg.Data ?? [], watch.Elapsed);
            events.Add(ev);
            if (onEvent is not null)
            {
                await onEvent(ev);
            }
        }
        return (events, ended);
    }

    public static Task PublishCancelAsync(this BusClient bus, string requestId) =>
        bus.Connection.PublishAsync(GenieSubjects.AskCancel, JsonSerializer.SerializeToUtf8Bytes(new { request_id = requestId })).AsTask();

    public static object Question(string spaceId, string question, string? conversationId = null) =>
        conversationId is null ? new { space_id = spaceId, question } : new { space_id = spaceId, question, conversation_id = conversationId };
}
