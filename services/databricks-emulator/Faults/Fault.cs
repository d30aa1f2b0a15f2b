namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>
/// A stored fault: which Databricks requests it matches (space and/or path prefix) and what it does to them
/// (a delay, an error status, or both). <see cref="Remaining"/> counts down from times; null means until cleared.
/// </summary>
public sealed record Fault(
    int Id,
    string? SpaceId,
    string? PathPrefix,
    int? Status,
    string? ErrorCode,
    string? Message,
    int? Times,
    string? RetryAfter,
    int? DelayMs,
    int? Remaining,
    int Applied,
    string? Method = null)
{
    public bool Matches(string path, string? spaceId, string method) =>
        (SpaceId is null || string.Equals(SpaceId, spaceId, StringComparison.Ordinal))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal))
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}
