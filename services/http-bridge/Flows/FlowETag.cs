using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// A flow's ETag is its KV revision in quotes (<c>"12"</c>). If-Match takes exactly one such strong tag: not
/// <c>*</c> (that would overwrite blindly), not a weak or a list of tags.
/// </summary>
public static class FlowETag
{
    public static string Format(ulong revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    public static bool TryParse(StringValues header, out ulong revision)
    {
        revision = 0;
        var value = header.Count == 1 ? header[0]?.Trim() : null;
        return value is { Length: > 2 } && value[0] == '"' && value[^1] == '"'
            && ulong.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out revision)
            && revision > 0;
    }
}
