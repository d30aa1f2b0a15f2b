using System.Text.RegularExpressions;

namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>Refuses fault requests that make no sense, with a message saying what to send instead.</summary>
public static partial class FaultValidator
{
    public const int MaxDelayMs = 600_000;

    public static string? Problem(FaultRequest f)
    {
        if (f.Status is null && f.DelayMs is null)
        {
            return "A fault needs a status (an error to answer with), a delay_ms (a slow answer), or both.";
        }
        if (f.Status is { } status && status is < 400 or > 599)
        {
            return $"status {status} is not an error status; use 400-599 (e.g. 429, 503), or only delay_ms for a slow success.";
        }
        if (f.Status is null && (f.ErrorCode ?? f.Message ?? f.RetryAfter) is not null)
        {
            return "error_code, message and retry_after describe an error reply; give a status too.";
        }
        if (f.Times is { } times && times < 1)
        {
            return $"times must be 1 or more (or left out for 'until cleared'); got {times}.";
        }
        if (f.DelayMs is { } delay && delay is < 0 or > MaxDelayMs)
        {
            return $"delay_ms must be from 0 to {MaxDelayMs}; got {delay}.";
        }
        if (f.SpaceId is { } space && (space.Length is 0 or > 128))
        {
            return "space_id, when given, must be 1-128 characters.";
        }
        if (f.PathPrefix is { } prefix && !prefix.StartsWith('/'))
        {
            return "path_prefix must start with '/', e.g. /api/2.0/data-rooms or /oidc/v1/token.";
        }
        if (f.Method is { } method && method.ToUpperInvariant() is not ("GET" or "POST" or "PATCH" or "PUT" or "DELETE"))
        {
            return $"method must be GET, POST, PATCH, PUT or DELETE (e.g. POST, to fault only the Genie POSTs); got '{method}'.";
        }
        if (f.ErrorCode is { } code && !ErrorCodePattern().IsMatch(code))
        {
            return "error_code must be an upper-case Databricks code such as REQUEST_LIMIT_EXCEEDED (A-Z, 0-9, _; at most 64).";
        }
        if (f.Message is { Length: 0 or > 2000 })
        {
            return "message, when given, must be 1-2000 characters.";
        }
        if (f.RetryAfter is { } retryAfter && (retryAfter.Length is 0 or > 100 || retryAfter.Any(char.IsControl)))
        {
            return "retry_after must be a header value of 1-100 printable characters, e.g. \"2\" or an HTTP date.";
        }
        return null;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex ErrorCodePattern();
}
