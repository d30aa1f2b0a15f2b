namespace GenieCanvas.Faults.Tests;

/// <summary>
/// One request of a load or a fuzz run, as the client saw it. <see cref="Status"/> 0 means no HTTP answer at all
/// (<see cref="Failure"/> says why: the client's own timeout, a refused connection); <see cref="Code"/> is the
/// ProblemDetails <c>code</c> of an error (null for a success).
/// </summary>
public sealed record Outcome(
    int Index, string Tag, TimeSpan Started, TimeSpan Ended, int Status, string? Code, string? RetryAfter, string? Failure)
{
    public TimeSpan Latency => Ended - Started;

    public bool Ok => Status == 200;

    /// <summary>What the histogram counts: "200", "503 SERVICE_UNAVAILABLE", "no answer (…)".</summary>
    public string Kind => Status == 0 ? $"no answer ({Failure})" : Code is null ? $"{Status}" : $"{Status} {Code}";

    /// <summary>True when the request was under way at some point of [from, to] (started before to, ended after from).</summary>
    public bool InFlightDuring(TimeSpan from, TimeSpan to) => Started <= to && Ended >= from;
}
