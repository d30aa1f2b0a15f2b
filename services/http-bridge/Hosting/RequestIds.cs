namespace GenieCanvas.Bridge.Hosting;

/// <summary>The X-Request-Id rule: a caller's id is kept when short and of a safe charset, otherwise a new one is made.</summary>
public static class RequestIds
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

    public static string New() => Guid.CreateVersion7().ToString("N");
}
