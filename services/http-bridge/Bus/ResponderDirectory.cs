using System.Text.Json;
using GenieCanvas.Bridge.Api;
using GenieCanvas.Bridge.Health;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Contracts;
using Microsoft.Extensions.Options;
using GenieCanvas.Hosting.Bus;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// Which genie responders are on the bus: every one answers $SRV.STATS.genie, so the bridge collects the answers
/// that arrive within a short window. Answers are cached as briefly as readiness so a polling UI cannot flood the bus.
/// </summary>
public sealed partial class ResponderDirectory(INatsConnection nats, IOptions<BridgeOptions> options, ILogger<ResponderDirectory> logger)
{
    private static readonly INatsDeserialize<byte[]> RawReply = NatsRawSerializer<byte[]>.Default;

    private readonly NatsSubOpts _statsOpts = new() { Timeout = options.Value.StatusWindow };
    private readonly CachedProbe<GenieStatus> _cache = new(options.Value.ReadinessCacheDuration);

    public Task<GenieStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(CollectAsync).WaitAsync(cancellationToken);

    private async Task<GenieStatus> CollectAsync()
    {
        var state = nats.ConnectionState;
        if (state != NatsConnectionState.Open)
        {
            return new GenieStatus(NatsConnectionCheck.Describe(state), []);
        }
        var responders = new List<ResponderStatus>();
        try
        {
            await foreach (var msg in nats.RequestManyAsync<byte[], byte[]>(
                               GenieSubjects.Stats, null, replySerializer: RawReply, replyOpts: _statsOpts))
            {
                if (msg.Data is { Length: > 0 } data && Parse(data) is { } responder)
                {
                    responders.Add(responder);
                }
            }
        }
        catch (NatsNoRespondersException)
        {
            // Nobody is serving genie: an empty list is the answer.
        }
        catch (NatsException ex)
        {
            LogStatsFailed(logger, ex.GetType().Name);
        }
        responders.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new GenieStatus(NatsConnectionCheck.Describe(nats.ConnectionState), responders);
    }

    private ResponderStatus? Parse(byte[] data)
    {
        try
        {
            var stats = JsonSerializer.Deserialize(data, BridgeJsonContext.Default.ServiceStatsReply);
            if (stats?.Id is null)
            {
                return null;
            }
            var endpoints = (stats.Endpoints ?? [])
                .Select(e => new ResponderEndpointStatus(e.Name ?? "", e.Subject ?? "", e.NumRequests, e.NumErrors))
                .ToList();
            var workspace = stats.Metadata?.GetValueOrDefault(ServiceMetadata.DatabricksHost);
            return new ResponderStatus(stats.Id, stats.Version ?? "", stats.Started,
                endpoints.Sum(e => e.Requests), endpoints.Sum(e => e.Errors), endpoints,
                string.IsNullOrEmpty(workspace) ? null : workspace,
                stats.Metadata?.GetValueOrDefault(ServiceMetadata.Demo) == "true");
        }
        catch (JsonException)
        {
            LogUnreadableStats(logger);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting $SRV.STATS.genie failed: {Failure}")]
    private static partial void LogStatsFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A genie responder sent a $SRV.STATS answer that could not be read")]
    private static partial void LogUnreadableStats(ILogger logger);
}
