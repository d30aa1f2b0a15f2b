namespace GenieCanvas.Responder.Tests;

/// <summary>
/// A stack whose responder makes one Databricks call at a time with 16 requests in flight and a 2 s budget, so a
/// request that waits for a slot behind a slow call shows whether the wait counts against its budget.
/// </summary>
public sealed class RequestBudgetFixture() : StackFixture(new Dictionary<string, string?>
{
    ["Responder__MaxConcurrency"] = "1",
    ["Responder__MaxInFlight"] = RequestBudgetTests.RequestsInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Responder__TotalBudget"] = "00:00:02",
    ["Responder__AttemptTimeout"] = "00:00:02",
});
