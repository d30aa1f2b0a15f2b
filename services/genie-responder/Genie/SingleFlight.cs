using System.Collections.Concurrent;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// Concurrent calls with the same key share one execution and its result (errors included). Nothing is kept once
/// it completes: the next call after that goes upstream again.
/// </summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _running = new(StringComparer.Ordinal);

    public Task<T> RunAsync(string key, Func<Task<T>> call)
    {
        var mine = new Lazy<Task<T>>(call);
        var current = _running.GetOrAdd(key, mine);
        if (ReferenceEquals(current, mine))
        {
            _ = mine.Value.ContinueWith(
                _ => _running.TryRemove(KeyValuePair.Create(key, mine)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        return current.Value;
    }
}
