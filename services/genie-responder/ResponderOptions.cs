namespace GenieCanvas.Responder;

/// <summary>Tuning of the responder (configuration section <c>Responder</c>, e.g. <c>Responder__MaxConcurrency</c>).</summary>
public sealed class ResponderOptions
{
    /// <summary>
    /// Databricks calls at once (<c>Responder__MaxConcurrency</c>): the bound on what the responder costs upstream.
    /// A request that joins a call already under way for the same space (single flight) takes no call slot.
    /// </summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>
    /// Requests in flight at once (<c>Responder__MaxInFlight</c>, at least <see cref="MaxConcurrency"/>); beyond it the
    /// endpoint waits for one to finish (backpressure). Two bounds, because requests that merely join a call in progress
    /// cost nothing upstream and must not take call slots. The fault suite showed it: with a single bound of 64 requests
    /// and a slow upstream, requests queued behind that bound until the bridge timed out first (503 instead of 504).
    /// </summary>
    public int MaxInFlight { get; set; } = 1024;

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

    /// <summary>
    /// True when DATABRICKS_HOST is the local Databricks emulator (start.sh's demo mode sets <c>Responder__Demo=true</c>).
    /// Only said to the UI, through the service metadata: the page then labels its data "Demo data".
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>
    /// Everything one <c>genie.ask</c> may take (<c>Responder__AskBudget</c>, at most 10 minutes): starting the
    /// conversation, polling Genie, waiting out rate limits, reading the result. ai-dev-kit's ask_genie uses 120 s.
    /// </summary>
    public TimeSpan AskBudget { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Most result rows an answer carries (<c>Responder__AskMaxRows</c>, 1–5000); the answer says <c>truncated</c>.</summary>
    public int AskMaxRows { get; set; } = 1000;

    /// <summary>
    /// <c>max_results</c> of the Unity Catalog lists (<c>Responder__CatalogPageSize</c>, 1–1000): the page a
    /// <c>workspace.catalogs|schemas|tables</c> reply holds at most (the workspace may send fewer).
    /// </summary>
    public int CatalogPageSize { get; set; } = 100;

    /// <summary>How long requests in flight may still finish after SIGTERM.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
