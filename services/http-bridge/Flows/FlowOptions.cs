namespace GenieCanvas.Bridge.Flows;

/// <summary>The flows bucket's settings, in the "Bridge" section beside BridgeOptions (e.g. <c>Bridge__FlowReplicas=3</c>).</summary>
public sealed class FlowOptions
{
    public const string Section = "Bridge";

    /// <summary>JetStream replicas of <c>genie_flows</c>: 1 on a single nats-server, 3 on the three-node cluster.</summary>
    public int FlowReplicas { get; set; } = 1;

    /// <summary>Revisions kept per flow (JetStream KV history; the server allows at most 64).</summary>
    public int FlowHistory { get; set; } = 16;

    /// <summary>How long one flows operation may wait on JetStream (e.g. for a leader election) before it is a 503; below the UI's 15 s.</summary>
    public TimeSpan FlowTimeout { get; set; } = TimeSpan.FromSeconds(8);
}
