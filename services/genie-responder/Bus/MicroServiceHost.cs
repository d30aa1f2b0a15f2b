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

        var services = new List<(INatsSvcServer Server, string Name, string Id)>();
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
                var instanceId = service.GetInfo().Id;
                services.Add((service, group.Key, instanceId));
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
            // While asks drain, this instance still answers a ping to its own id: the bridge checks on exactly the
            // responder of each ask it waits for, and must not end one that is about to be answered.
            var stillHere = await AnswerOwnPingsAsync(services);
            // Unsubscribe first so queue-group peers take the new requests; keep the connection for the replies still due.
            foreach (var (service, _, _) in services)
            {
                await service.DisposeAsync();
            }
            await dispatcher.DrainAsync(options.Value.ShutdownGrace);
            foreach (var sub in stillHere)
            {
                await sub.DisposeAsync();
            }
            logger.LogInformation("Genie responder stopped");
        }
    }

    /// <summary>A plain subscription per service on <c>$SRV.PING.&lt;name&gt;.&lt;id&gt;</c>, answering as the service did.</summary>
    private async Task<List<INatsSub<byte[]>>> AnswerOwnPingsAsync(List<(INatsSvcServer Server, string Name, string Id)> services)
    {
        var subs = new List<INatsSub<byte[]>>();
        if (dispatcher.InFlight == 0)
        {
            return subs;
        }
        try
        {
            foreach (var (_, name, id) in services)
            {
                var sub = await nats.SubscribeCoreAsync($"$SRV.PING.{name}.{id}", serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: CancellationToken.None);
                var pong = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
                {
                    ["type"] = "io.nats.micro.v1.ping_response", ["name"] = name, ["id"] = id, ["version"] = Version,
                });
                _ = AnswerAsync(sub, pong);
                subs.Add(sub);
            }
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            logger.LogWarning("Could not keep answering pings while stopping ({ExceptionType})", e.GetType().Name);
        }
        return subs;

        static async Task AnswerAsync(INatsSub<byte[]> sub, byte[] pong)
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                try
                {
                    await msg.ReplyAsync(pong, serializer: NatsRawSerializer<byte[]>.Default);
                }
                catch (Exception e) when (e is NatsException or OperationCanceledException)
                {
                    // The bridge asks again at its next keep-alive.
                }
            }
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
