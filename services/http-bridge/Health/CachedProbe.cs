using System.Diagnostics;

namespace GenieCanvas.Bridge.Health;

/// <summary>
/// Caches one probe's result briefly, for /health/ready and /api/genie/status: the probe runs at most once at a time
/// and its result is reused for <c>cacheFor</c> after it finished, so many concurrent health probes or UI polls cost
/// one bus round trip.
/// </summary>
public sealed class CachedProbe<T>(TimeSpan cacheFor)
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
