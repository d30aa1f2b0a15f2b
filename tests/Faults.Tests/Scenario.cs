namespace GenieCanvas.Faults.Tests;

/// <summary>What every load scenario shares: the rate, its bounds, the request for the fixture space, the report.</summary>
public static class Scenario
{
    /// <summary>Requests per second sent to the bridge during a scenario.</summary>
    public const int Rate = 200;

    /// <summary>No scenario sends more than this, whatever happens to its timing.</summary>
    public const int MaxRequests = 4000;

    /// <summary>Phases shorter than this would not show a steady state at <see cref="Rate"/>.</summary>
    public static readonly TimeSpan Phase = TimeSpan.FromSeconds(1.5);

    /// <summary>At least this many requests must be seen in a phase for its assertion to mean something (half the rate × phase).</summary>
    public const int MinPerPhase = 100;

    public static string SpacePath(string spaceId) => "/api/genie/get?space_id=" + Uri.EscapeDataString(spaceId);

    public static readonly string SalesPath = SpacePath(EmulatorProcess.SalesSpaceId);

    /// <summary>
    /// The steady load on the stack's bridge. The client waits the bridge's timeout plus 2 s: an outcome recorded as
    /// "no answer" means the bridge let a request hang past its own timeout.
    /// </summary>
    public static SteadyLoad StartLoad(FaultStack stack, Func<int, (string Tag, string Path)> next, TimeSpan? maxDuration = null) =>
        SteadyLoad.Start(stack.Bridge.Client, Rate, MaxRequests, maxDuration ?? TimeSpan.FromSeconds(15),
            stack.Settings.BridgeTimeout + TimeSpan.FromSeconds(2), next);

    public static void Report(ITestOutputHelper output, string scenario, LoadResult result, params (string Phase, IEnumerable<Outcome> Outcomes)[] phases)
    {
        output.WriteLine($"[{scenario}] {result.Summary()}");
        foreach (var (phase, outcomes) in phases)
        {
            var list = outcomes.ToList();
            output.WriteLine($"[{scenario}]   {phase}: {list.Count} → {LoadResult.Histogram(list)}");
        }
    }

    /// <summary>How many requests a responder logged as handled (its one line per request).</summary>
    public static int HandledCount(ResponderProcess responder) =>
        responder.Process.Output.Split('\n').Count(line => line.Contains("Handled genie.get request", StringComparison.Ordinal));
}
