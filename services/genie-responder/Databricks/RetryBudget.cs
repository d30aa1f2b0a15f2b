namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The deadline of one logical Databricks call, which is the deadline of the request behind it (arrival +
/// TotalBudget), carried on the request so the retry strategy does not start a retry that cannot finish in time.
/// The deadline itself is enforced by the request's cancellation token, not here.
/// </summary>
public static class RetryBudget
{
    public static readonly HttpRequestOptionsKey<DateTimeOffset> DeadlineKey = new("GenieCanvas.Deadline");

    public static void SetDeadline(HttpRequestMessage request, DateTimeOffset deadline) => request.Options.Set(DeadlineKey, deadline);

    public static DateTimeOffset? GetDeadline(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(DeadlineKey, out var deadline) ? deadline : null;
}
