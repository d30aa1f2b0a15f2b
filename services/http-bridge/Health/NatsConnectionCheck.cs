using GenieCanvas.Bridge.Bus;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Health;

/// <summary>Ready needs the NATS connection open (it is opened and re-opened in the background).</summary>
public sealed class NatsConnectionCheck(INatsConnection nats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = nats.ConnectionState;
        return Task.FromResult(state == NatsConnectionState.Open
            ? HealthCheckResult.Healthy("Connected to NATS.")
            : HealthCheckResult.Unhealthy($"Not connected to NATS (connection is {BusState.Describe(state)})."));
    }
}
