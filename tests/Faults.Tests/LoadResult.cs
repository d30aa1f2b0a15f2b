namespace GenieCanvas.Faults.Tests;

/// <summary>Every outcome of a run, with the counting helpers the scenarios assert on and print.</summary>
public sealed class LoadResult(IReadOnlyList<Outcome> outcomes, TimeSpan duration)
{
    public IReadOnlyList<Outcome> All { get; } = outcomes;

    public TimeSpan Duration { get; } = duration;

    public TimeSpan MaxLatency => All.Count == 0 ? TimeSpan.Zero : All.Max(o => o.Latency);

    public IEnumerable<Outcome> StartedBetween(TimeSpan from, TimeSpan to) => All.Where(o => o.Started >= from && o.Started < to);

    /// <summary>"200 ×512, 503 SERVICE_UNAVAILABLE ×300 (max 12 ms)", most frequent first.</summary>
    public static string Histogram(IEnumerable<Outcome> outcomes)
    {
        var list = outcomes.ToList();
        if (list.Count == 0)
        {
            return "none";
        }
        var kinds = list.GroupBy(o => o.Kind)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} ×{g.Count()}");
        return $"{string.Join(", ", kinds)} (max {list.Max(o => o.Latency).TotalMilliseconds:0} ms)";
    }

    public string Summary() =>
        $"{All.Count} requests in {Duration.TotalSeconds:0.0} s ({All.Count / Math.Max(Duration.TotalSeconds, 0.001):0} req/s): {Histogram(All)}";
}
