namespace GenieCanvas.Bridge.Options;

/// <summary>Section "Bridge" plus the flat variables BRIDGE_PORT and GENIE_DEFAULT_SPACE_ID (see DESIGN.md, Environment).</summary>
public sealed class BridgeOptions
{
    public const string Section = "Bridge";
    public const string DefaultSpaceIdFallback = "01f0eca3dc1b1cbc9b65fa58f94c18ad";

    /// <summary>Loopback port Kestrel listens on (BRIDGE_PORT).</summary>
    public int Port { get; set; } = 3001;

    /// <summary>
    /// The longest a request waits for a responder's reply (the cap of <see cref="ResponderBudget"/> +
    /// <see cref="ReplyMargin"/>), below the UI's 15 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The responders' budget per request (their <c>Responder__TotalBudget</c>, 8 s by default): a responder answers
    /// within it, even if only with 504, so a reply that has not come by then plus <see cref="ReplyMargin"/> never will.
    /// </summary>
    public TimeSpan ResponderBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Added to an operation's budget for the trip over the bus and a busy responder's queue.</summary>
    public TimeSpan ReplyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a new request waits for the bus while the bridge reconnects, before 503 BUS_UNAVAILABLE.</summary>
    public TimeSpan ReconnectWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Folder of the built frontend (index.html, assets/). Empty: frontend/dist found above the app.</summary>
    public string FrontendPath { get; set; } = "";

    /// <summary>The space a newly dropped Genie block loads (GENIE_DEFAULT_SPACE_ID).</summary>
    public string DefaultSpaceId { get; set; } = DefaultSpaceIdFallback;

    /// <summary>How long /health/ready reuses its last answer, so probes cannot flood the bus.</summary>
    public TimeSpan ReadinessCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a readiness probe waits for a genie responder to answer $SRV.PING.genie.</summary>
    public TimeSpan ResponderPingTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long /api/genie/status collects $SRV.STATS.genie answers (one per responder).</summary>
    public TimeSpan StatusWindow { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long an ask may stream (<c>Bridge__AskTimeout</c>): longer than the responder's ask budget (120 s by default),
    /// so the responder's own ASK_TIMEOUT arrives first.
    /// </summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// While an ask waits (<c>Bridge__AskKeepAlive</c>): an SSE comment line this often, and a check that a genie
    /// responder is still on the bus (none left → the stream ends with an error event instead of waiting out AskTimeout).
    /// </summary>
    public TimeSpan AskKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest request body accepted (the API takes only small JSON bodies).</summary>
    public int MaxRequestBodyBytes { get; set; } = 4096;
}
