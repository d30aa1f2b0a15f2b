using System.Globalization;

namespace GenieCanvas.BusBench;

/// <summary>What to measure: where, how many sequential requests, how many concurrent requesters for how long, which spaces.</summary>
public sealed record BenchSettings(string Url, int SequentialRequests, int Concurrency, TimeSpan Duration, IReadOnlyList<string> SpaceIds)
{
    public static BenchSettings FromArgs(string[] args)
    {
        string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
        var spaces = args.Length > 4 ? args[4..] : ["01f0eca3dc1b1cbc9b65fa58f94c18ad"];
        return new BenchSettings(
            Arg(0, "nats://127.0.0.1:4222"),
            int.Parse(Arg(1, "2000"), CultureInfo.InvariantCulture),
            int.Parse(Arg(2, "32"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Arg(3, "10"), CultureInfo.InvariantCulture)),
            spaces);
    }
}
