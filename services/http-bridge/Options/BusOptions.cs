namespace GenieCanvas.Bridge.Options;

/// <summary>Where the NATS bus is and how to log in: NATS_URL, NATS_CREDS, NATS_USER + NATS_PASSWORD, NATS_TOKEN.</summary>
public sealed class BusOptions
{
    public const string DefaultUrl = "nats://127.0.0.1:4222";

    /// <summary>One URL, or several separated by commas for a cluster.</summary>
    public string Url { get; set; } = DefaultUrl;

    public string? CredsFile { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }
}
