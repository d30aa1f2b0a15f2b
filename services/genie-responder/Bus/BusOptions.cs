namespace GenieCanvas.Responder.Bus;

/// <summary>Where the bus is and how to authenticate, from <c>NATS_URL</c>, <c>NATS_CREDS</c>, <c>NATS_USER</c>/<c>NATS_PASSWORD</c>, <c>NATS_TOKEN</c>.</summary>
public sealed class BusOptions
{
    public const string DefaultUrl = "nats://127.0.0.1:4222";

    /// <summary>One URL or several, comma-separated (a cluster).</summary>
    public string Url { get; set; } = DefaultUrl;

    public string? CredsFile { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }
}
