namespace GenieCanvas.Contracts;

/// <summary>NATS names of the <c>genie</c> micro service.</summary>
public static class GenieSubjects
{
    public const string ServiceName = "genie";
    public const string QueueGroup = "genie";
    public const string GetEndpoint = "get";
    public const string ListEndpoint = "list";
    public const string Get = "genie.get";
    public const string List = "genie.list";
    public const string AskEndpoint = "ask";
    public const string Ask = "genie.ask";

    /// <summary>Where the bridge publishes <see cref="AskCancelRequest"/>; every responder subscribes (no queue group).</summary>
    public const string AskCancel = "genie.ask.cancel";

    /// <summary>Service discovery subjects every NATS micro service answers.</summary>
    public const string Ping = "$SRV.PING.genie";
    public const string Info = "$SRV.INFO.genie";
    public const string Stats = "$SRV.STATS.genie";

    /// <summary>v2: create a space (<see cref="CreateSpaceRequest"/>); the reply is the new space in the genie.get shape.</summary>
    public const string CreateEndpoint = "create";
    public const string Create = "genie.create";
}
