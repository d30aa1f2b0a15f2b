namespace GenieCanvas.Responder.Databricks;

/// <summary>The deadline of one logical Databricks call, carried on the request so the retry strategy can see what is left.</summary>
public static class RetryBudget
{
    public static readonly HttpRequestOptionsKey<DateTimeOffset> DeadlineKey = new("GenieCanvas.Deadline");

    public static void SetDeadline(HttpRequestMessage request, DateTimeOffset deadline) => request.Options.Set(DeadlineKey, deadline);

    public static DateTimeOffset? GetDeadline(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(DeadlineKey, out var deadline) ? deadline : null;
}
