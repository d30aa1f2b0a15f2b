namespace GenieCanvas.Responder.Tests;

/// <summary>A stack whose responder has a short budget (4 s, attempts of 1.5 s), so budget tests finish quickly.</summary>
public sealed class ResilienceFixture() : StackFixture(new Dictionary<string, string?>
{
    ["Responder__TotalBudget"] = "00:00:04",
    ["Responder__AttemptTimeout"] = "00:00:01.500",
})
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);
}
