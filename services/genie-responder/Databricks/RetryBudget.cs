namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The deadline of one logical Databricks call, which is the deadline of the request behind it (arrival +
/// TotalBudget), carried on the request so the pipeline's budget timeout and retry strategy see what is left.
/// </summary>
public static class RetryBudget
{
    public static readonly HttpRequestOptionsKey<DateTimeOffset> DeadlineKey = new("GenieCanvas.Deadline");

    /// <summary>Polly applies no timeout at all for zero or less: a deadline already passed gets this instead.</summary>
    private static readonly TimeSpan Expired = TimeSpan.FromMilliseconds(1);

    public static void SetDeadline(HttpRequestMessage request, DateTimeOffset deadline) => request.Options.Set(DeadlineKey, deadline);

    public static DateTimeOffset? GetDeadline(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(DeadlineKey, out var deadline) ? deadline : null;

    /// <summary>The time left until the request's deadline, at most <paramref name="budget"/> (also without a deadline).</summary>
    public static TimeSpan Remaining(HttpRequestMessage? request, DateTimeOffset now, TimeSpan budget)
    {
        if (GetDeadline(request) is not { } deadline)
        {
            return budget;
        }
        var left = deadline - now;
        return left > budget ? budget : left > Expired ? left : Expired;
    }
}
