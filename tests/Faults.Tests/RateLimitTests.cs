using System.Globalization;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// Databricks answers 429 with Retry-After for a while under load. Clients get 429/503 with Retry-After, and the
/// emulator's counts show no retry storm: no request costs more than MaxRetryAttempts + 1 upstream calls.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    private const int MaxRetryAttempts = 2;
    private const string UniquePrefix = "rl-";
    private static readonly TimeSpan FaultDuration = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task While_Databricks_throttles_clients_get_429_or_503_with_Retry_After_and_no_request_costs_more_than_the_retry_maximum()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await FaultStack.StartAsync(new StackSettings
        {
            BridgeTimeout = TimeSpan.FromSeconds(5),
            ResponderBudget = TimeSpan.FromSeconds(3),
            ResponderEnv = new Dictionary<string, string?> { ["Responder__MaxRetryAttempts"] = MaxRetryAttempts.ToString(CultureInfo.InvariantCulture) },
        }, cts.Token);
        // Every tenth request asks for a space of its own (unknown: 404 when not throttled), so the emulator's count for
        // that id is exactly the upstream attempts of one request; the rest share the fixture space (single flight).
        var load = Scenario.StartLoad(stack, i => i % 10 == 0
            ? ("unique", Scenario.SpacePath(UniquePrefix + i.ToString(CultureInfo.InvariantCulture)))
            : ("sales", Scenario.SalesPath));

        await Task.Delay(Scenario.Phase, cts.Token);
        var faultStart = load.Now;
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/data-rooms/", Status = 429, RetryAfter = "1" }, cts.Token);
        await Task.Delay(FaultDuration, cts.Token);
        await stack.Emulator.ClearFaultsAsync(cts.Token);
        var faultEnd = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(2.8), cts.Token);
        var result = await load.StopAsync();
        var calls = await stack.Emulator.CallsAsync(cts.Token);

        // A request waiting out a Retry-After of 1 s when the fault ends still succeeds after it: allow 1.3 s.
        var settled = faultEnd + TimeSpan.FromSeconds(1.3);
        var before = result.All.Where(o => o.Ended < faultStart).ToList();
        var during = result.All.Where(o => o.InFlightDuring(faultStart, faultEnd)).ToList();
        var after = result.StartedBetween(settled, TimeSpan.MaxValue).ToList();
        var errors = result.All.Where(o => !IsNormal(o)).ToList();
        var attempts = calls.BySpace.Where(kv => kv.Key.StartsWith(UniquePrefix, StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
        Scenario.Report(output, "upstream 429", result, ("before the fault", before), ("in flight during the fault", during), ("after it settled", after));
        output.WriteLine($"[upstream 429]   emulator: {calls.Total} calls for {result.All.Count} requests; attempts per single request: " +
            string.Join(", ", attempts.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key} call(s) ×{g.Count()}")) +
            $"; fixture space: {calls.ForSpace(EmulatorProcess.SalesSpaceId)} calls");

        Assert.True(before.Count >= Scenario.MinPerPhase && before.All(IsNormal), "before the fault: " + LoadResult.Histogram(before));
        Assert.True(errors.Count(o => o.Status == 429 && o.Code == GenieErrorCodes.RateLimited) >= Scenario.MinPerPhase,
            "too few 429 RATE_LIMITED: " + LoadResult.Histogram(errors));
        Assert.True(errors.All(o => o.Status is 429 or 503 && int.TryParse(o.RetryAfter, out var s) && s > 0),
            "an error other than 429/503 with Retry-After: " + LoadResult.Histogram(errors.Where(o => o.Status is not (429 or 503) || o.RetryAfter is null)));
        Assert.True(after.Count >= Scenario.MinPerPhase && after.All(IsNormal), "after the fault: " + LoadResult.Histogram(after));

        Assert.True(attempts.Count >= result.All.Count(o => o.Tag == "unique") / 2, "the emulator saw too few of the single-request spaces");
        Assert.True(attempts.Max() <= MaxRetryAttempts + 1, $"a request cost {attempts.Max()} upstream calls; at most {MaxRetryAttempts + 1} allowed");
        Assert.True(attempts.Any(a => a > 1), "no request was retried: the fault did not reach the retry path");
        Assert.True(calls.Total <= (long)result.All.Count * (MaxRetryAttempts + 1), $"{calls.Total} upstream calls for {result.All.Count} requests");
    }

    /// <summary>What an unthrottled chain answers: the fixture space, or 404 for a space of its own.</summary>
    private static bool IsNormal(Outcome o) => o.Tag == "sales" ? o.Ok : o.Status == 404 && o.Code == GenieErrorCodes.NotFound;
}
