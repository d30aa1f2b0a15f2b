using System.Diagnostics;
using GenieCanvas.Contracts;

namespace GenieCanvas.Bridge.Bus;

/// <summary>The W3C traceparent to pass on: the current activity's, else the caller's header when well formed.</summary>
public static class TraceContext
{
    private const int TraceParentLength = 55; // 00-<32 hex>-<16 hex>-<2 hex>

    public static string? TraceParent(HttpContext http)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return id;
        }
        var header = http.Request.Headers[GenieHeaders.TraceParent];
        return header.Count == 1 && IsWellFormed(header[0]) ? header[0] : null;
    }

    private static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != TraceParentLength)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var dash = i is 2 or 35 or 52;
            if (dash ? c != '-' : !char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }
        return true;
    }
}
