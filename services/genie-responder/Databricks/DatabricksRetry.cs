using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The retry strategy of the Databricks pipeline. Retries 429/500/502/503/504, network errors and attempt
/// timeouts; waits what <c>Retry-After</c> asks, else a jittered exponential backoff. A retry whose wait does not
/// fit in what is left of the budget is not made: the last answer is returned at once (e.g. a 429 asking for
/// 30 s becomes RATE_LIMITED now instead of a timeout later).
/// </summary>
public static class DatabricksRetry
{
    /// <summary>Less than this left after the wait is not worth another attempt.</summary>
    private static readonly TimeSpan MinimumAttemptWindow = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(2);
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("GenieCanvas.NextDelay");

    public static RetryStrategyOptions<HttpResponseMessage> Create(ResponderOptions options, TimeProvider time) => new()
    {
        Name = "databricks-retry",
        MaxRetryAttempts = options.MaxRetryAttempts,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context, options, time)),
        // The wait was decided (and checked against the budget) in ShouldHandle.
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            args.Context.Properties.TryGetValue(NextDelay, out var delay) ? delay : options.RetryBaseDelay),
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome, int attempt, ResilienceContext context, ResponderOptions options, TimeProvider time)
    {
        // A POST may have been carried out even though its answer failed: repeat it only when it surely was not
        // (connection refused, 429, 503), or a retried create could make a second supervisor or tool.
        var once = context.GetRequestMessage()?.Method == HttpMethod.Post;
        var transient = outcome switch
        {
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
            { Exception: HttpRequestException or TimeoutRejectedException } => !once,
            { Result: { } response } => once
                ? response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                : IsTransient(response.StatusCode),
            _ => false,
        };
        if (!transient || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var delay = (outcome.Result is { } answer ? RetryAfterHeader.Read(answer, now) : null) ?? Backoff(attempt, options.RetryBaseDelay);
        var deadline = RetryBudget.GetDeadline(context.GetRequestMessage()) ?? now + options.TotalBudget;
        if (now + delay + MinimumAttemptWindow > deadline)
        {
            return false;
        }
        context.Properties.Set(NextDelay, delay);
        return true;
    }

    /// <summary>base × 2^attempt, capped, times a random factor in [0.5, 1.5) so that many responders do not retry in step.</summary>
    private static TimeSpan Backoff(int attempt, TimeSpan baseDelay)
    {
        var exponential = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, attempt), MaximumBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
    }
}
