namespace GenieCanvas.Hosting.Bus;

/// <summary>Checks and redacts NATS URL lists (user info never goes to a log line). A missing port is NATS's 4222.</summary>
public static class BusUrl
{
    public const int DefaultPort = 4222;

    public static IEnumerable<string> Split(string urls) =>
        urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsValid(string urls) =>
        Split(urls).Any() && Split(urls).All(u => TryParse(u, out _));

    /// <summary>The URL list without credentials, for logs.</summary>
    public static string Redact(string urls) =>
        string.Join(",", Split(urls).Select(u => TryParse(u, out var uri) ? $"{uri.Scheme}://{uri.Host}:{Port(uri)}" : "(unparseable url)"));

    private static int Port(Uri uri) => uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port;

    private static bool TryParse(string url, out Uri uri) =>
        Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "nats://" + url, UriKind.Absolute, out uri!)
        && uri.Host.Length > 0;
}
