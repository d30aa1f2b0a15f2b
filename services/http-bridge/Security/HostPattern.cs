using System.Globalization;

namespace GenieCanvas.Bridge.Security;

/// <summary>One allowed Host: a name or IP literal, with a port (only that port) or without (any port).</summary>
public sealed record HostPattern(string Host, int? Port)
{
    /// <summary>Parses <c>name</c>, <c>name:port</c>, <c>1.2.3.4[:port]</c> or <c>[v6][:port]</c>; no scheme, path or wildcard.</summary>
    public static bool TryParse(string value, out HostPattern pattern, out string problem)
    {
        pattern = null!;
        if (value.Contains('*', StringComparison.Ordinal))
        {
            problem = $"'{value}' holds a wildcard; name each host (a wildcard would let DNS rebinding through).";
            return false;
        }
        if (!Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0 || !string.IsNullOrEmpty(uri.Fragment)
            || Uri.CheckHostName(uri.IdnHost) == UriHostNameType.Unknown)
        {
            problem = $"'{value}' is not a host name or IP address with an optional port (e.g. canvas.example.com or canvas.example.com:8443).";
            return false;
        }
        // Uri reports 80 when no port is written; tell "no port" from ":80" by the text itself.
        var hasPort = !uri.IsDefaultPort || value.EndsWith(":80", StringComparison.Ordinal);
        pattern = new HostPattern(uri.Host, hasPort ? uri.Port : null);
        problem = "";
        return true;
    }

    public bool Matches(HostString host) =>
        string.Equals(Host, host.Host, StringComparison.OrdinalIgnoreCase) && (Port is null || Port == host.Port);

    public override string ToString() => Port is { } port ? Host + ":" + port.ToString(CultureInfo.InvariantCulture) : Host;
}
