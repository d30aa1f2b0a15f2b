using System.Diagnostics;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// Runs an expensive probe at most once at a time and reuses its result for <c>cacheFor</c> after it finished:
/// many concurrent health probes or UI polls cost one bus round trip.
/// </summary>
public sealed class SingleFlight<T>(TimeSpan cacheFor)
{
    private readonly Lock _gate = new();
    private Task<T>? _current;
    private long _expiresAt;

    public Task<T> GetAsync(Func<Task<T>> probe)
    {
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && Stopwatch.GetTimestamp() >= Volatile.Read(ref _expiresAt)))
            {
                _current = RunAsync(probe);
            }
            return _current;
        }
    }

    private async Task<T> RunAsync(Func<Task<T>> probe)
    {
        try
        {
            return await probe();
        }
        finally
        {
            // Set before the task completes, so a reader that sees it completed also sees its expiry.
            Volatile.Write(ref _expiresAt, Stopwatch.GetTimestamp() + (long)(cacheFor.TotalSeconds * Stopwatch.Frequency));
        }
    }
}
