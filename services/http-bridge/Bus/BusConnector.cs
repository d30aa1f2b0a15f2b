using GenieCanvas.Hosting.Bus;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// Opens the NATS connection in the background so the bridge starts (and serves /health) while NATS is down;
/// NATS.Net keeps retrying the first connect and every reconnect by itself. Logs connection changes.
/// </summary>
public sealed partial class BusConnector(NatsConnection connection, IOptions<BusOptions> options, ILogger<BusConnector> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        connection.ConnectionDisconnected += OnDisconnectedAsync;
        connection.ConnectionOpened += OnOpenedAsync;
        LogConnecting(logger, ServerCount(options.Value.EffectiveUrl), options.Value.IsUrlOrdered == true ? "in that order" : "shuffled");
        try
        {
            // With RetryOnInitialConnect, ConnectAsync retries every failure itself and returns only once connected;
            // meanwhile the API answers 503 BUS_UNAVAILABLE and /health/ready says why.
            await connection.ConnectAsync().AsTask().WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before NATS ever came up.
        }
    }

    public override void Dispose()
    {
        connection.ConnectionDisconnected -= OnDisconnectedAsync;
        connection.ConnectionOpened -= OnOpenedAsync;
        base.Dispose();
    }

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs args)
    {
        LogConnected(logger, connection.ServerInfo?.Host, connection.ServerInfo?.Port);
        return ValueTask.CompletedTask;
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs args)
    {
        LogDisconnected(logger);
        return ValueTask.CompletedTask;
    }

    private static int ServerCount(string url) => url.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to NATS ({ServerCount} server URL(s) from NATS_URL, {Order}) in the background")]
    private static partial void LogConnecting(ILogger logger, int serverCount, string order);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to NATS server {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string? host, int? port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the NATS connection; requests waiting on it fail with 503 BUS_UNAVAILABLE, new ones wait up to Bridge__ReconnectWait for the reconnect")]
    private static partial void LogDisconnected(ILogger logger);
}
