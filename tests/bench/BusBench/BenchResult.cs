namespace GenieCanvas.BusBench;

/// <summary>Figures of one phase, printed as one line.</summary>
public sealed record BenchResult(string Phase, int Requests, int Errors, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }
        var sorted = LatenciesMs.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Phase}: {Requests} requests in {Elapsed.TotalSeconds:0.00} s = {RequestsPerSecond:0} req/s; latency p50 {Percentile(50):0.00} ms, p99 {Percentile(99):0.00} ms, max {Percentile(100):0.00} ms; errors {Errors}");
}
