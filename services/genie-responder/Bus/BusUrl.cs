namespace GenieCanvas.Responder.Bus;

/// <summary>Checks and redacts NATS URLs (user info never goes to a log line).</summary>
public static class BusUrl
{
    public static IEnumerable<string> Split(string urls) =>
        urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsValid(string urls) =>
        Split(urls).Any() && Split(urls).All(u => Uri.TryCreate(WithScheme(u), UriKind.Absolute, out var uri) && uri.Port > 0 && uri.Host.Length > 0);

    /// <summary>The URL list without credentials, for logs.</summary>
    public static string Redact(string urls) =>
        string.Join(",", Split(urls).Select(RedactOne));

    private static string RedactOne(string url) =>
        Uri.TryCreate(WithScheme(url), UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host}:{uri.Port}"
            : "(unparseable url)";

    private static string WithScheme(string url) => url.Contains("://", StringComparison.Ordinal) ? url : "nats://" + url;
}
