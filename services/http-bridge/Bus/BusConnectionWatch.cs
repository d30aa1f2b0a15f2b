using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// The bridge's NATS connection as requests see it. <see cref="Lost"/> is cancelled the moment the connection drops:
/// a reply to a request sent on it can never arrive (the inbox was on that connection), so its waiters fail at once
/// instead of waiting out their timeout. <see cref="WaitOpenAsync"/> holds a new request briefly while NATS.Net
/// reconnects to another node, which usually takes milliseconds.
/// </summary>
public sealed class BusConnectionWatch : IDisposable
{
    // Fallback re-check while waiting, in case the open event is not seen (it is raised after the state changes).
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(50);

    private readonly NatsConnection _connection;
    private readonly Lock _lock = new();
    private CancellationTokenSource _lost = new();
    private TaskCompletionSource _opened = NewOpened();

    public BusConnectionWatch(NatsConnection connection)
    {
        _connection = connection;
        connection.ConnectionDisconnected += OnDisconnectedAsync;
        connection.ConnectionOpened += OnOpenedAsync;
    }

    public bool IsOpen => _connection.ConnectionState == NatsConnectionState.Open;

    /// <summary>Cancelled when the connection that is current now is lost.</summary>
    public CancellationToken Lost
    {
        get
        {
            lock (_lock)
            {
                return _lost.Token;
            }
        }
    }

    /// <summary>True once the connection is open, waiting at most <paramref name="wait"/>; false if it is still not.</summary>
    public async Task<bool> WaitOpenAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (!IsOpen)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            Task opened;
            lock (_lock)
            {
                opened = _opened.Task;
            }
            await Task.WhenAny(opened, Task.Delay(left < RecheckEvery ? left : RecheckEvery, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        return true;
    }

    public void Dispose()
    {
        _connection.ConnectionDisconnected -= OnDisconnectedAsync;
        _connection.ConnectionOpened -= OnOpenedAsync;
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs args)
    {
        CancellationTokenSource lost;
        lock (_lock)
        {
            lost = _lost;
            _lost = new CancellationTokenSource();
            if (_opened.Task.IsCompleted)
            {
                _opened = NewOpened();
            }
        }
        // Not disposed: requests may still link to its token; it holds no timer.
        lost.Cancel();
        return ValueTask.CompletedTask;
    }

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs args)
    {
        lock (_lock)
        {
            _opened.TrySetResult();
        }
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewOpened() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
