using System.Reflection;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// The NATS micro service <c>genie</c>: endpoints <c>get</c> and <c>list</c> in queue group <c>genie</c>.
/// Runs until SIGTERM, then stops taking requests and lets those in flight finish (bounded by ShutdownGrace).
/// NATS.Net reconnects on its own and re-subscribes the endpoints; this class only logs the transitions.
/// </summary>
public sealed class GenieService(
    BusConnectionFactory connections,
    IOptions<BusOptions> bus,
    IOptions<ResponderOptions> options,
    RequestDispatcher dispatcher,
    GenieRequestHandler handler,
    TimeProvider time,
    ILogger<GenieService> logger) : BackgroundService
{
    private static readonly string Version =
        typeof(GenieService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";

    // Upstream calls outlive SIGTERM by design; this ends them only when the grace period is over.
    private readonly CancellationTokenSource _hardStop = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var natsUrl = BusUrl.Redact(bus.Value.Url);
        await using var nats = connections.Create();
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

        logger.LogInformation("Connecting to NATS at {NatsUrl} (retrying until it answers)", natsUrl);
        try
        {
            await nats.ConnectAsync().AsTask().WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var service = await new NatsSvcContext(nats).AddServiceAsync(
            new NatsSvcConfig(GenieSubjects.ServiceName, Version)
            {
                QueueGroup = GenieSubjects.QueueGroup,
                Description = "Genie spaces from Databricks (genie.get, genie.list)",
            },
            CancellationToken.None); // not stoppingToken: a cancelled service skips unsubscribing in StopAsync
        try
        {
            await service.AddEndpointAsync<byte[]>(
                msg => DispatchAsync(msg, nats, GenieSubjects.Get, handler.HandleGetAsync, stoppingToken),
                name: GenieSubjects.GetEndpoint,
                subject: GenieSubjects.Get,
                serializer: NatsRawSerializer<byte[]>.Default,
                cancellationToken: CancellationToken.None);
            await service.AddEndpointAsync<byte[]>(
                msg => DispatchAsync(msg, nats, GenieSubjects.List, handler.HandleListAsync, stoppingToken),
                name: GenieSubjects.ListEndpoint,
                subject: GenieSubjects.List,
                serializer: NatsRawSerializer<byte[]>.Default,
                cancellationToken: CancellationToken.None);
            // The server answers a ping after the SUBs sent before it: "ready" means requests reach us now.
            await nats.PingAsync(stoppingToken);

            logger.LogInformation(
                "Genie responder ready on {NatsUrl}: service {Service} {Version}, endpoints {Get} and {List}, queue group {QueueGroup}, up to {MaxConcurrency} Databricks calls and {MaxInFlight} requests at once",
                natsUrl, GenieSubjects.ServiceName, Version, GenieSubjects.Get, GenieSubjects.List, GenieSubjects.QueueGroup,
                options.Value.MaxConcurrency, options.Value.MaxInFlight);

            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM / Ctrl+C.
        }
        finally
        {
            await StopAsync(service);
        }
    }

    /// <summary>
    /// Runs on the endpoint's handler loop: fixes the request's deadline (its budget starts now, when it is taken
    /// from NATS), hands it to the dispatcher and returns, so the next one is read. A request that gets no slot
    /// before its deadline is answered 504 at once; one still queued when shutdown starts gets 503 at once.
    /// </summary>
    private async ValueTask DispatchAsync(
        NatsSvcMsg<byte[]> msg,
        INatsConnection bus,
        string endpoint,
        Func<NatsSvcMsg<byte[]>, INatsConnection, RequestDeadline, Task> handle,
        CancellationToken stopping)
    {
        var deadline = new RequestDeadline(time, options.Value.TotalBudget, _hardStop.Token);
        var started = false;
        try
        {
            started = await dispatcher.DispatchAsync(
                async () =>
                {
                    using (deadline)
                    {
                        await handle(msg, bus, deadline);
                    }
                },
                deadline.Remaining,
                stopping);
            if (!started)
            {
                await handler.RejectSaturatedAsync(msg, bus, endpoint, deadline);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            var shuttingDown = new GenieError(503, GenieErrorCodes.ServiceUnavailable, "The responder is shutting down; retry the request.");
            try
            {
                await GenieReplies.SendAsync(msg, new GenieOutcome(null, shuttingDown, null), RequestIds.From(msg.Headers));
            }
            catch (Exception e) when (e is OperationCanceledException or NatsException)
            {
                // The requester will time out; nothing more to do while stopping.
            }
        }
        finally
        {
            if (!started)
            {
                deadline.Dispose();
            }
        }
    }

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    private async Task StopAsync(INatsSvcServer service)
    {
        logger.LogInformation("Stopping: no new requests; {InFlight} request(s) in flight", dispatcher.InFlight);
        // Unsubscribe first so queue-group peers take the new requests, keep the connection for the replies still due.
        await service.DisposeAsync();
        if (!await dispatcher.DrainAsync(options.Value.ShutdownGrace))
        {
            logger.LogWarning("Shutdown grace of {GraceSeconds} s over; abandoning {InFlight} request(s)", options.Value.ShutdownGrace.TotalSeconds, dispatcher.InFlight);
            await _hardStop.CancelAsync();
            await dispatcher.DrainAsync(TimeSpan.FromSeconds(2));
        }
        logger.LogInformation("Genie responder stopped");
    }
}
