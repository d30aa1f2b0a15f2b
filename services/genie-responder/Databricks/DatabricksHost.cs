namespace GenieCanvas.Responder.Databricks;

/// <summary>Host normalization as the Databricks SDKs do it: add https:// when there is no scheme, keep only scheme://host[:port].</summary>
public static class DatabricksHost
{
    public static bool TryNormalize(string? value, out string host)
    {
        host = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }
        host = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        return true;
    }
}
