using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>The NATS connection state in the words the status badge and the health answers use.</summary>
public static class BusState
{
    public static string Describe(NatsConnectionState state) => state switch
    {
        NatsConnectionState.Open => "connected",
        NatsConnectionState.Connecting => "connecting",
        NatsConnectionState.Reconnecting => "reconnecting",
        _ => "disconnected",
    };
}
