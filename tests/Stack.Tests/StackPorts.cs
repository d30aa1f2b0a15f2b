using System.Globalization;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>Free loopback ports for one start.sh run, and the variables that hand them to it.</summary>
internal sealed record StackPorts(int Nats, int NatsMonitor, int Bridge, int Emulator)
{
    public static StackPorts Free()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 4)
        {
            ports.Add(FreeTcpPort.Next());
        }
        var p = ports.ToArray();
        return new StackPorts(p[0], p[1], p[2], p[3]);
    }

    public IEnumerable<int> All => [Nats, NatsMonitor, Bridge, Emulator];

    public IEnumerable<KeyValuePair<string, string>> AsEnvironment() =>
    [
        new("NATS_PORT", Nats.ToString(CultureInfo.InvariantCulture)),
        new("NATS_MONITOR_PORT", NatsMonitor.ToString(CultureInfo.InvariantCulture)),
        new("BRIDGE_PORT", Bridge.ToString(CultureInfo.InvariantCulture)),
        new("EMULATOR_PORT", Emulator.ToString(CultureInfo.InvariantCulture)),
    ];
}
