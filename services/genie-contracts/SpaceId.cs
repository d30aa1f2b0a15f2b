using System.Diagnostics.CodeAnalysis;

namespace GenieCanvas.Contracts;

/// <summary>
/// The one rule for a Genie space id: 1–128 characters of <c>[A-Za-z0-9_-]</c>.
/// Anything else never reaches Databricks (and cannot escape the URL path it is put in).
/// </summary>
public static class SpaceId
{
    public const int MaxLength = 128;

    public static bool TryValidate(string? value, [NotNullWhen(false)] out string? problem)
    {
        if (string.IsNullOrEmpty(value))
        {
            problem = "space_id is required.";
            return false;
        }
        if (value.Length > MaxLength)
        {
            problem = $"space_id is {value.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }
        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                problem = "space_id may contain only letters A-Z and a-z, digits, '-' and '_'.";
                return false;
            }
        }
        problem = null;
        return true;
    }

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
