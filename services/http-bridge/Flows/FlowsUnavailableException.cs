namespace GenieCanvas.Bridge.Flows;

/// <summary>JetStream cannot be reached (not connected, no JetStream, no leader, timeout): a 503 FLOWS_UNAVAILABLE.</summary>
public sealed class FlowsUnavailableException(string detail, int retryAfterSeconds) : Exception(detail)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
