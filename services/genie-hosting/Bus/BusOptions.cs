using Microsoft.Extensions.Configuration;

namespace GenieCanvas.Hosting.Bus;

/// <summary>
/// Where the bus is and how to log in, from the environment every GenieCanvas service shares (bound from the
/// configuration root, like the emulator's options): <c>NATS_URL</c>, <c>NATS_CREDS</c>, <c>NATS_USER</c> +
/// <c>NATS_PASSWORD</c>, <c>NATS_TOKEN</c>, and the connection's tuning. Values are never logged.
/// </summary>
public sealed class BusOptions
{
    public const string DefaultUrl = "nats://127.0.0.1:4222";

    /// <summary>One URL or several, comma-separated (a cluster); the port may be left out (4222).</summary>
    [ConfigurationKeyName("NATS_URL")]
    public string? Url { get; set; } = DefaultUrl;

    [ConfigurationKeyName("NATS_CREDS")]
    public string? CredsFile { get; set; }

    [ConfigurationKeyName("NATS_USER")]
    public string? User { get; set; }

    [ConfigurationKeyName("NATS_PASSWORD")]
    public string? Password { get; set; }

    [ConfigurationKeyName("NATS_TOKEN")]
    public string? Token { get; set; }

    /// <summary>How often the client pings the server; with <see cref="MaxPingsOut"/> it bounds how long a frozen server goes unnoticed.</summary>
    [ConfigurationKeyName("NATS_PING_INTERVAL")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pings without an answer before the connection counts as lost and is re-made.</summary>
    [ConfigurationKeyName("NATS_MAX_PINGS_OUT")]
    public int MaxPingsOut { get; set; } = 3;

    /// <summary>A publish racing a disconnect fails after this instead of waiting for the reconnect.</summary>
    [ConfigurationKeyName("NATS_COMMAND_TIMEOUT")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>NATS_URL_ORDERED=1</c>: connect to the <c>NATS_URL</c> servers in the order given (NATS.Net's
    /// <c>NoRandomize</c>), so a service can be placed on a node; unset or <c>0</c>: NATS shuffles the list and spreads
    /// clients over the nodes. Either way a lost node is left for the next one.
    /// </summary>
    [ConfigurationKeyName("NATS_URL_ORDERED")]
    public string? UrlOrdered { get; set; }

    /// <summary><see cref="UrlOrdered"/> read as a switch: <c>1</c>/<c>true</c> on, unset/<c>0</c>/<c>false</c> off, anything else null (invalid).</summary>
    public bool? IsUrlOrdered => UrlOrdered?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => null,
    };

    /// <summary>The URL list to connect to (<see cref="DefaultUrl"/> when unset or blank).</summary>
    public string EffectiveUrl => string.IsNullOrWhiteSpace(Url) ? DefaultUrl : Url;
}
