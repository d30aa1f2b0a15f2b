namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// A flow's name (1–64 of <c>[A-Za-z0-9 _-]</c>, DESIGN.md v2) and its key in the <c>genie_flows</c> bucket.
/// KV keys cannot hold spaces, so a space is stored as <c>=</c>: a character KV keys allow and flow names never
/// contain, which makes the mapping reversible ("Sales flow" ↔ key <c>Sales=flow</c>).
/// </summary>
public static class FlowName
{
    public const int MaxLength = 64;

    public static bool TryValidate(string? name, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            problem = $"A flow name must be 1 to {MaxLength} characters long.";
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-'))
            {
                problem = "A flow name may contain only letters A-Z and a-z, digits, spaces, '-' and '_'.";
                return false;
            }
        }
        return true;
    }

    /// <summary>The KV key of a valid name.</summary>
    public static string ToKey(string name) => name.Replace(' ', '=');

    /// <summary>The name a key was made from.</summary>
    public static string FromKey(string key) => key.Replace('=', ' ');
}
