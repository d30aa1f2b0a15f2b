using System.Collections.Concurrent;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// Concurrent calls with the same key share one execution and its result (errors included). Nothing is kept once
/// it completes: the next call after that goes upstream again.
/// </summary>
/// <param name="joined">Called for each caller that joins a call under way (the shared-calls metric).</param>
public sealed class SingleFlight<T>(Action? joined = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="call"/>, or joins the one under way for <paramref name="key"/>. A caller that joins stops
    /// waiting (OperationCanceledException) when <paramref name="joinerCancellation"/> fires, without cancelling the
    /// shared call for the others; the caller that starts the call is bounded by the call itself.
    /// </summary>
    public Task<T> RunAsync(string key, CancellationToken joinerCancellation, Func<Task<T>> call)
    {
        var mine = new Lazy<Task<T>>(() => Start(call));
        var current = _running.GetOrAdd(key, mine);
        if (!ReferenceEquals(current, mine))
        {
            joined?.Invoke();
            return current.Value.WaitAsync(joinerCancellation);
        }
        _ = mine.Value.ContinueWith(
            _ => _running.TryRemove(KeyValuePair.Create(key, mine)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return mine.Value;
    }

    // A call that throws before returning its task fails like one whose task faults; a Lazy would otherwise cache
    // the exception and the key would never be removed.
    private static Task<T> Start(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
