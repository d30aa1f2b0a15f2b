using System.Diagnostics;
using NATS.Client.Core;
using GenieCanvas.Contracts;

namespace GenieCanvas.Bridge.Bus;

/// <summary>What the next read of a <c>genie.ask</c> stream gave.</summary>
public enum AskStreamKind
{
    /// <summary>Nothing for one keep-alive interval: time for a comment line and a liveness check.</summary>
    Idle,

    /// <summary>A message with <c>Genie-Event</c> status, answer or error.</summary>
    Event,

    /// <summary>Nobody subscribes to genie.ask (answered by NATS at once).</summary>
    NoResponders,

    /// <summary>The stream ended (end-of-stream message, or the bus ended the subscription) without a final event.</summary>
    Ended,

    /// <summary>The ask's whole time (Bridge__AskTimeout) ran out.</summary>
    TimedOut,

    /// <summary>The bus failed (connection lost) or the caller went away.</summary>
    Failed,
}

public sealed record AskStreamItem(AskStreamKind Kind, string? Event = null, NatsHeaders? Headers = null, byte[]? Body = null)
{
    public bool IsFinal => Kind == AskStreamKind.Event && Event is "answer" or "error";
}

/// <summary>
/// One <c>genie.ask</c> on the bus, read message by message: NATS.Net's <c>RequestManyAsync</c> (which stops on the
/// responder's empty end-of-stream message), with an idle tick every keep-alive interval so the caller can keep the
/// HTTP stream alive and check the responder is still there. Not thread-safe: one reader.
/// </summary>
public sealed class AskStream : IAsyncDisposable
{
    private static readonly INatsSerialize<byte[]> Raw = NatsRawSerializer<byte[]>.Default;
    private static readonly INatsDeserialize<byte[]> RawReply = NatsRawSerializer<byte[]>.Default;

    private readonly CancellationTokenSource _stop;
    private readonly IAsyncEnumerator<NatsMsg<byte[]>> _messages;
    private readonly TimeSpan _timeout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task<bool>? _pending;

    /// <param name="callerGone">The HTTP request's abort token.</param>
    /// <param name="stopping">The bridge's shutdown token.</param>
    public AskStream(INatsConnection nats, byte[] body, NatsHeaders headers, TimeSpan timeout, CancellationToken callerGone, CancellationToken stopping)
    {
        _timeout = timeout;
        // Owned and disposed here: a source linked to the app's stopping token must not outlive the ask.
        _stop = CancellationTokenSource.CreateLinkedTokenSource(callerGone, stopping);
        _messages = nats.RequestManyAsync(GenieSubjects.Ask, body, headers, Raw, RawReply,
            replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: _stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    /// <summary>The responder instance answering (its first event's <c>Genie-Responder</c>), or null before that.</summary>
    public string? ResponderId { get; private set; }

    public async Task<AskStreamItem> NextAsync(TimeSpan idle)
    {
        _pending ??= _messages.MoveNextAsync().AsTask();
        using (var tick = new CancellationTokenSource())
        {
            var done = await Task.WhenAny(_pending, Task.Delay(idle, tick.Token));
            await tick.CancelAsync();
            if (done != _pending)
            {
                return new AskStreamItem(AskStreamKind.Idle);
            }
        }
        var pending = _pending;
        _pending = null;
        bool more;
        try
        {
            more = await pending;
        }
        catch (NatsNoRespondersException)
        {
            return new AskStreamItem(AskStreamKind.NoResponders);
        }
        catch (NatsNoReplyException)
        {
            return new AskStreamItem(AskStreamKind.TimedOut);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException or ObjectDisposedException)
        {
            return new AskStreamItem(AskStreamKind.Failed);
        }
        if (!more)
        {
            return new AskStreamItem(_clock.Elapsed >= _timeout ? AskStreamKind.TimedOut : AskStreamKind.Ended);
        }
        var msg = _messages.Current;
        if (msg.HasNoResponders)
        {
            return new AskStreamItem(AskStreamKind.NoResponders);
        }
        var name = msg.Headers is { } h && h.TryGetValue(GenieHeaders.Event, out var value) ? value.ToString() : null;
        if (ResponderId is null && msg.Headers is { } sender && sender.TryGetValue(GenieHeaders.Responder, out var id) && IsServiceId(id.ToString()))
        {
            ResponderId = id.ToString();
        }
        return name is null
            ? new AskStreamItem(AskStreamKind.Ended)
            : new AskStreamItem(AskStreamKind.Event, name, msg.Headers, msg.Data ?? []);
    }

    // A NATS micro service id is a NUID (22 letters and digits): nothing else may become part of a subject.
    private static bool IsServiceId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pending is not null)
        {
            try
            {
                await _pending;
            }
            catch (Exception e) when (e is OperationCanceledException or NatsException or ObjectDisposedException)
            {
                // Ending it is the point.
            }
        }
        await _messages.DisposeAsync();
        _stop.Dispose();
    }
}
