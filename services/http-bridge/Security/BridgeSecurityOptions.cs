namespace GenieCanvas.Bridge.Security;

/// <summary>
/// Who may call the bridge, from the "Bridge" section (Bridge__AllowedHosts, Bridge__AllowedOrigins). Both are lists
/// separated by commas or spaces, so one environment variable holds them.
/// </summary>
public sealed class BridgeSecurityOptions
{
    public const string Section = "Bridge";

    /// <summary>
    /// Host names besides 127.0.0.1, localhost and [::1] on the bridge's own port, e.g. the public name a reverse proxy
    /// passes on (<c>canvas.example.com</c>, or <c>canvas.example.com:8443</c> for that port only).
    /// </summary>
    public string AllowedHosts { get; set; } = "";

    /// <summary>
    /// Origins besides the bridge's own that may send POST/PUT/DELETE, e.g. <c>https://tools.example.com</c>. Naming any
    /// turns on CORS for exactly these; empty (the default) means no CORS at all.
    /// </summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> AllowedHostList => Split(AllowedHosts);

    public IReadOnlyList<string> AllowedOriginList => Split(AllowedOrigins);

    private static string[] Split(string value) =>
        value.Split([',', ' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
