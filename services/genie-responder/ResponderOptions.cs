namespace GenieCanvas.Responder;

/// <summary>Tuning of the responder (configuration section <c>Responder</c>, e.g. <c>Responder__MaxConcurrency</c>).</summary>
public sealed class ResponderOptions
{
    /// <summary>Databricks calls at once (requests sharing a call take no slot); see RequestDispatcher for the bound on requests.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>
    /// Everything one request may take from its arrival: waits for slots and shared calls, the Databricks call and its
    /// retries. Shorter than the bridge's 10 s request timeout.
    /// </summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>One HTTP attempt; a slower attempt is abandoned and retried while the budget allows.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after the first attempt (the budget usually ends them first).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay; doubled per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long requests in flight may still finish after SIGTERM.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
