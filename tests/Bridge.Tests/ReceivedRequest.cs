using NATS.Client.Core;

namespace GenieCanvas.Bridge.Tests;

/// <summary>A request as a <see cref="TestGenieService"/> received it from the bus.</summary>
public sealed record ReceivedRequest(NatsHeaders? Headers, byte[] Body)
{
    public string? Header(string name) => Headers is not null && Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
