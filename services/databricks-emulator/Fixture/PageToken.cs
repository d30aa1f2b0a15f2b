using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>
/// Opaque list page tokens, as Databricks hands out: base64url of "spaces:&lt;offset&gt;". Clients must not parse them.
/// </summary>
public static class PageToken
{
    private const string Prefix = "spaces:";

    public static string Encode(int offset) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string token, int count, out int offset)
    {
        offset = 0;
        if (token.Length > 64)
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
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset > 0 && offset < count;
    }
}
