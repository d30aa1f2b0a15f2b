using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace GenieCanvas.DatabricksEmulator.Calls;

/// <summary>
/// Counts every request that reached a Databricks path (refused and faulted ones too): in total, by space id
/// and by path. Lock-free: a benchmark drives thousands of requests a second through it.
/// </summary>
public sealed class CallCounter
{
    private ConcurrentDictionary<string, StrongBox<long>> _bySpace = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, StrongBox<long>> _byPath = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, StrongBox<long>> _byRoute = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>The most distinct paths counted one by one (a long demo session must not grow the counter without end).</summary>
    public const int MaxPaths = 10_000;

    public void Count(string path, string? spaceId, string? route = null)
    {
        Interlocked.Increment(ref _total);
        if (route is not null)
        {
            Interlocked.Increment(ref _byRoute.GetOrAdd(route, static _ => new StrongBox<long>()).Value);
        }
        // Conversation paths carry ids, so distinct paths grow with use: past the cap only total and by_route count them.
        if (!_byPath.TryGetValue(path, out var box) && _byPath.Count < MaxPaths)
        {
            box = _byPath.GetOrAdd(path, static _ => new StrongBox<long>());
        }
        if (box is not null)
        {
            Interlocked.Increment(ref box.Value);
        }
        if (spaceId is not null)
        {
            Interlocked.Increment(ref _bySpace.GetOrAdd(spaceId, static _ => new StrongBox<long>()).Value);
        }
    }

    public CallsReply Snapshot() => new(
        Interlocked.Read(ref _total),
        Copy(_bySpace),
        Copy(_byPath),
        Copy(_byRoute));

    public void Reset()
    {
        _bySpace = new(StringComparer.Ordinal);
        _byPath = new(StringComparer.Ordinal);
        _byRoute = new(StringComparer.Ordinal);
        Interlocked.Exchange(ref _total, 0);
    }

    private static SortedDictionary<string, long> Copy(ConcurrentDictionary<string, StrongBox<long>> counts) =>
        new(counts.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value)), StringComparer.Ordinal);
}
