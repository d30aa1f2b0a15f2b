using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace GenieCanvas.Hosting.Bus;

/// <summary>Ready needs the NATS connection open (it is opened and re-opened in the background).</summary>
public sealed class NatsConnectionCheck(INatsConnection nats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = nats.ConnectionState;
        return Task.FromResult(state == NatsConnectionState.Open
            ? HealthCheckResult.Healthy("Connected to NATS.")
            : HealthCheckResult.Unhealthy($"Not connected to NATS (connection is {Describe(state)})."));
    }

    /// <summary>The connection state in the words the status badge and the health answers use.</summary>
    public static string Describe(NatsConnectionState state) => state switch
    {
        NatsConnectionState.Open => "connected",
        NatsConnectionState.Connecting => "connecting",
        NatsConnectionState.Reconnecting => "reconnecting",
        _ => "disconnected",
    };
}
