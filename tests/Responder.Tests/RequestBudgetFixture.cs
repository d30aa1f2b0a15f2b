namespace GenieCanvas.Responder.Tests;

/// <summary>
/// A stack whose responder makes one Databricks call at a time (16 requests in flight) with a 2 s budget, so a
/// request that waits for a slot behind a slow call shows whether the wait counts against its budget.
/// </summary>
public sealed class RequestBudgetFixture() : StackFixture(new Dictionary<string, string?>
{
    ["Responder__MaxConcurrency"] = "1",
    ["Responder__TotalBudget"] = "00:00:02",
    ["Responder__AttemptTimeout"] = "00:00:02",
});
