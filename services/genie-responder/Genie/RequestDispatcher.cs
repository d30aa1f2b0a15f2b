using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// Takes requests off NATS.Net's one-at-a-time endpoint loop and runs them concurrently, at most
/// <see cref="ResponderOptions.MaxInFlight"/> at once (the Databricks calls themselves are limited to
/// <see cref="ResponderOptions.MaxConcurrency"/> by <see cref="GenieOperations"/>; many requests may wait on one shared
/// call). When every slot is busy the endpoint loop waits for one (backpressure: nothing is dropped), at most until
/// the waiting request's deadline. Tracks what is in flight so shutdown can let it finish.
/// </summary>
public sealed class RequestDispatcher(IOptions<ResponderOptions> options, ILogger<RequestDispatcher> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxInFlight, options.Value.MaxInFlight);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public int InFlight => _inFlight.Count;

    /// <summary>
    /// Returns true once <paramref name="work"/> has a slot and has started; false if no slot freed up within
    /// <paramref name="maxWait"/> (what is left of the request's budget: the caller answers it). A timer exists only
    /// while waiting. <paramref name="work"/> must not throw.
    /// </summary>
    public async ValueTask<bool> DispatchAsync(Func<Task> work, TimeSpan maxWait, CancellationToken stopping)
    {
        if (!await _slots.WaitAsync(maxWait, stopping))
        {
            return false;
        }
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    /// <summary>Waits for the requests in flight, at most <paramref name="grace"/>; true if all finished.</summary>
    public async Task<bool> DrainAsync(TimeSpan grace)
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

    public void Dispose() => _slots.Dispose();
}
