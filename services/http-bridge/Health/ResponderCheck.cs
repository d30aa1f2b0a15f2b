using GenieCanvas.Bridge.Bus;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Health;

/// <summary>
/// Ready needs at least one genie responder answering $SRV.PING.genie within a short time. One probe runs at a time
/// and its result is reused briefly (<see cref="BridgeOptions.ReadinessCacheDuration"/>) so probes cannot flood the bus.
/// </summary>
public sealed partial class ResponderCheck(INatsConnection nats, IOptions<BridgeOptions> options, ILogger<ResponderCheck> logger)
    : IHealthCheck
{
    private static readonly INatsDeserialize<byte[]> RawReply = NatsRawSerializer<byte[]>.Default;

    private readonly TimeSpan _pingTimeout = options.Value.ResponderPingTimeout;
    private readonly CachedProbe<HealthCheckResult> _cache = new(options.Value.ReadinessCacheDuration);
    private bool? _wasReady;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _cache.GetAsync(ProbeAsync).WaitAsync(cancellationToken);

    private async Task<HealthCheckResult> ProbeAsync()
    {
        var result = await PingAsync();
        var ready = result.Status == HealthStatus.Healthy;
        if (_wasReady != ready)
        {
            _wasReady = ready;
            LogReadiness(logger, ready, result.Description);
        }
        return result;
    }

    private async Task<HealthCheckResult> PingAsync()
    {
        if (nats.ConnectionState != NatsConnectionState.Open)
        {
            return HealthCheckResult.Unhealthy("Cannot ask for genie responders: not connected to NATS.");
        }
        try
        {
            var pong = await nats.RequestAsync<byte[]>(GenieSubjects.Ping, RawReply, new NatsSubOpts { Timeout = _pingTimeout });
            return pong.HasNoResponders
                ? NoResponder()
                : HealthCheckResult.Healthy("A genie responder answered $SRV.PING.genie.");
        }
        catch (NatsNoRespondersException)
        {
            return NoResponder();
        }
        catch (NatsNoReplyException)
        {
            return HealthCheckResult.Unhealthy(
                $"No genie responder answered $SRV.PING.genie within {_pingTimeout.TotalMilliseconds:0} ms.");
        }
        catch (NatsException ex)
        {
            return HealthCheckResult.Unhealthy($"Asking for genie responders failed on the bus ({ex.GetType().Name}).");
        }
    }

    private static HealthCheckResult NoResponder() =>
        HealthCheckResult.Unhealthy("No genie responder is running (nobody answers $SRV.PING.genie).");

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness changed: ready={Ready} ({Reason})")]
    private static partial void LogReadiness(ILogger logger, bool ready, string? reason);
}
