namespace GenieCanvas.Bridge.Security;

/// <summary>An origin as browsers serialise it (RFC 6454): <c>scheme://host[:port]</c>, lower case, default port left out.</summary>
public static class WebOrigin
{
    /// <summary>False for "null", a path, a query, user info or any scheme but http/https.</summary>
    public static bool TryNormalize(string? value, out string origin)
    {
        origin = "";
        if (string.IsNullOrEmpty(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }
        origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        return true;
    }

    /// <summary>The origin this request was addressed to (after forwarded headers, when those are enabled).</summary>
    public static string Of(HttpRequest request) =>
        TryNormalize(request.Scheme + "://" + request.Host.Value, out var origin) ? origin : "";
}
