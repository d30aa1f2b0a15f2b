using System.Reflection;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Hosting.Bus;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.Services;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// Puts every registered <see cref="IBusOperation"/> on the bus: one NATS micro service per service name (queue group
/// = the name, so responders share the load), one endpoint per operation, each handed to the
/// <see cref="OperationDispatcher"/>. Runs until SIGTERM, then unsubscribes and lets requests in flight finish
/// (bounded by ShutdownGrace). NATS.Net reconnects on its own and re-subscribes; this class only logs the transitions.
/// </summary>
public sealed class MicroServiceHost(
    NatsConnection nats,
    IEnumerable<IBusOperation> operations,
    OperationDispatcher dispatcher,
    IOptions<BusOptions> bus,
    IOptions<ResponderOptions> options,
    IOptions<DatabricksOptions> databricks,
    ILogger<MicroServiceHost> logger) : BackgroundService
{
    private static readonly string Version =
        typeof(MicroServiceHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";

    /// <summary>What <c>$SRV.INFO</c> says of each service; a new service adds its line here.</summary>
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["genie"] = "Genie spaces from Databricks",
        ["workspace"] = "SQL warehouses and Unity Catalog of the Databricks workspace",
        ["agents"] = "Multi-Agent Supervisors on Databricks",
    };

    /// <summary>
    /// What every $SRV answer says besides name and version: which workspace this responder serves (the host only,
    /// never a credential) and whether it is the demo emulator, so the page can say whose data it shows.
    /// </summary>
    private Dictionary<string, string> Metadata => new(StringComparer.Ordinal)
    {
        [ServiceMetadata.DatabricksHost] = databricks.Value.Host ?? "",
        [ServiceMetadata.Demo] = options.Value.Demo ? "true" : "false",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var natsUrl = BusUrl.Redact(bus.Value.EffectiveUrl);
        WatchConnection(natsUrl);
        logger.LogInformation("Connecting to NATS at {NatsUrl} (retrying until it answers)", natsUrl);
        try
        {
            await nats.ConnectAsync().AsTask().WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var services = new List<INatsSvcServer>();
        INatsSub<byte[]>? cancels = null;
        try
        {
            // Cancels of streamed requests: every responder hears them (no queue group); the one holding the ask stops it.
            if (operations.Any(o => o.Endpoint.Streamed))
            {
                cancels = await nats.SubscribeCoreAsync(GenieSubjects.AskCancel, serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: CancellationToken.None);
                _ = ReadCancelsAsync(cancels);
            }
            var context = new NatsSvcContext(nats);
            foreach (var group in operations.GroupBy(o => o.Endpoint.Service, StringComparer.Ordinal))
            {
                var subjects = string.Join(", ", group.Select(o => o.Endpoint.Subject));
                var service = await context.AddServiceAsync(
                    new NatsSvcConfig(group.Key, Version)
                    {
                        QueueGroup = group.Key,
                        Description = $"{Descriptions.GetValueOrDefault(group.Key, group.Key)} ({subjects})",
                        Metadata = Metadata,
                    },
                    CancellationToken.None); // not stoppingToken: a cancelled service skips unsubscribing in StopAsync
                services.Add(service);
                var instanceId = service.GetInfo().Id;
                foreach (var operation in group)
                {
                    await service.AddEndpointAsync<byte[]>(
                        msg => dispatcher.DispatchAsync(operation, msg, nats, instanceId, stoppingToken),
                        name: operation.Endpoint.Name,
                        subject: operation.Endpoint.Subject,
                        serializer: NatsRawSerializer<byte[]>.Default,
                        cancellationToken: CancellationToken.None);
                }
            }
            // The server answers a ping after the SUBs sent before it: "ready" means requests reach us now.
            await nats.PingAsync(stoppingToken);

            logger.LogInformation(
                "Genie responder ready on {NatsUrl}: services {Services} {Version}, endpoints {Endpoints}, up to {MaxConcurrency} Databricks calls and {MaxInFlight} requests at once",
                natsUrl, string.Join(", ", operations.Select(o => o.Endpoint.Service).Distinct()), Version,
                string.Join(", ", operations.Select(o => o.Endpoint.Subject)), options.Value.MaxConcurrency, options.Value.MaxInFlight);

            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM / Ctrl+C.
        }
        finally
        {
            logger.LogInformation("Stopping: no new requests; {InFlight} request(s) in flight", dispatcher.InFlight);
            if (cancels is not null)
            {
                await cancels.DisposeAsync();
            }
            // Unsubscribe first so queue-group peers take the new requests; keep the connection for the replies still due.
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
            await dispatcher.DrainAsync(options.Value.ShutdownGrace);
            logger.LogInformation("Genie responder stopped");
        }
    }

    private async Task ReadCancelsAsync(INatsSub<byte[]> cancels)
    {
        await foreach (var msg in cancels.Msgs.ReadAllAsync())
        {
            AskCancelRequest? cancel = null;
            try
            {
                cancel = JsonSerializer.Deserialize(msg.Data ?? [], GenieJsonContext.Default.AskCancelRequest);
            }
            catch (JsonException)
            {
                // Not ours to answer: a cancel is published, nobody waits for a reply.
            }
            if (cancel?.RequestId is { } id && RequestId.IsAcceptable(id) && dispatcher.Cancel(id) > 0)
            {
                logger.LogInformation("Request {RequestId}: the caller went away; stopping it", id);
            }
        }
    }

    private void WatchConnection(string natsUrl)
    {
        nats.ConnectionDisconnected += (_, _) =>
        {
            logger.LogWarning("NATS connection to {NatsUrl} lost; reconnecting (requests wait until it is back)", natsUrl);
            return ValueTask.CompletedTask;
        };
        nats.ConnectionOpened += (_, _) =>
        {
            logger.LogInformation("NATS connection to {NatsUrl} open", natsUrl);
            return ValueTask.CompletedTask;
        };
        // NATS.Net's own log (category NATS) prints a stack trace per failed attempt; these events say it in one line each.
        nats.ReconnectFailed += (_, _) =>
        {
            logger.LogDebug("NATS reconnect to {NatsUrl} failed; trying again", natsUrl);
            return ValueTask.CompletedTask;
        };
        nats.ServerError += (_, e) =>
        {
            logger.LogError("NATS server error: {ServerError}", e.Error);
            return ValueTask.CompletedTask;
        };
        nats.MessageDropped += (_, e) =>
        {
            logger.LogWarning("NATS dropped a message on {Subject}: {Pending} pending (requests arrive faster than they are handled)", e.Subject, e.Pending);
            return ValueTask.CompletedTask;
        };
    }
}
