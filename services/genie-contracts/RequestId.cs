namespace GenieCanvas.Contracts;

/// <summary>
/// The one X-Request-Id rule, for the bridge and every responder: a caller's id is kept when it is 1–64 characters
/// of <c>[A-Za-z0-9-_.:]</c> (safe in a log line and a header), otherwise a new one is made.
/// </summary>
public static class RequestId
{
    public const int MaxLength = 64;

    public static bool IsAcceptable(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The caller's id when acceptable, else a new one.</summary>
    public static string KeepOrMake(string? value) => IsAcceptable(value) ? value! : New();

    public static string New() => Guid.CreateVersion7().ToString("N");
}
