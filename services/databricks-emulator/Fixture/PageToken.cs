using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>
/// Opaque list page tokens, as Databricks hands out: base64url of "&lt;kind&gt;:&lt;offset&gt;" (kind "spaces" for the
/// space list; each other list has its own, so a token of one list is refused by another). Clients must not parse them.
/// </summary>
public static class PageToken
{
    private const string Spaces = "spaces";

    public static string Encode(int offset) => Encode(Spaces, offset);

    public static bool TryDecode(string token, int count, out int offset) => TryDecode(Spaces, token, count, out offset);

    public static string Encode(string kind, int offset) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(kind + ":" + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string kind, string token, int count, out int offset)
    {
        offset = 0;
        if (token.Length > 128)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(bytes);
        var prefix = kind + ":";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset > 0 && offset < count;
    }
}
