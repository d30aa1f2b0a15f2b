using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Extensions.Microsoft.DependencyInjection;
using NATS.Net;

namespace GenieCanvas.Hosting.Bus;

/// <summary>
/// <c>AddGenieBus</c>: <see cref="BusOptions"/> bound and validated at start, one NATS connection (NATS.Net's
/// <c>AddNatsClient</c>: a singleton <see cref="NatsConnection"/>, <see cref="INatsConnection"/> and
/// <see cref="INatsClient"/>) with the settings both services need, and the <c>nats</c> readiness check.
/// The connection is not opened here: each service opens it when it is ready to (<c>ConnectAsync</c>).
/// A service that only answers (<c>sendsRequests: false</c>, the responder) never subscribes to an inbox: NATS.Net's
/// default reply mode subscribes <c>_INBOX.&lt;id&gt;.*</c> at connect, which deploy/nats/auth.conf rightly refuses it.
/// </summary>
public static class BusExtensions
{
    public static IHostApplicationBuilder AddGenieBus(this IHostApplicationBuilder builder, string connectionName, bool sendsRequests = true)
    {
        builder.Services.AddGenieOptions<BusOptions>();
        builder.Services.AddSingleton<IValidateOptions<BusOptions>, BusOptionsValidator>();
        builder.Services.AddNatsClient(nats => nats.ConfigureOptions(options => options
            .Configure<IOptions<BusOptions>, ILoggerFactory>((built, bus, logs) => built.Opts = CreateOpts(bus.Value, connectionName, logs) with
            {
                // SharedInbox subscribes the inbox at the first request only, which such a service never sends.
                RequestReplyMode = sendsRequests ? NatsRequestReplyMode.Direct : NatsRequestReplyMode.SharedInbox,
            })));
        builder.Services.AddHealthChecks().AddCheck<NatsConnectionCheck>("nats", tags: [GenieHealth.Ready]);
        return builder;
    }

    /// <summary>The connection settings of every service: start while NATS is down and keep trying, forever.</summary>
    public static NatsOpts CreateOpts(BusOptions bus, string connectionName, ILoggerFactory loggerFactory) => new()
    {
        Url = bus.EffectiveUrl,
        Name = connectionName,
        LoggerFactory = loggerFactory,
        // Raw bytes on the hot paths are chosen per call; plain classes (e.g. $SRV answers) go as JSON.
        SerializerRegistry = NatsClientDefaultSerializerRegistry.Default,
        AuthOpts = new NatsAuthOpts
        {
            CredsFile = Blank(bus.CredsFile),
            Username = Blank(bus.User),
            Password = Blank(bus.Password),
            Token = Blank(bus.Token),
        },
        // NATS.Net shuffles the URL list unless told not to; NATS_URL_ORDERED=1 keeps it (placement on a node).
        NoRandomize = bus.IsUrlOrdered == true,
        RetryOnInitialConnect = true,
        MaxReconnectRetry = -1,
        // Wrong credentials may be fixed on the server side: keep trying rather than give up for good.
        IgnoreAuthErrorAbort = true,
        ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
        ReconnectWaitMax = TimeSpan.FromSeconds(2),
        // A publish racing a disconnect fails after CommandTimeout instead of waiting for the reconnect.
        PublishTimeoutOnDisconnected = true,
        CommandTimeout = bus.CommandTimeout,
        // A frozen server (not a closed socket) is noticed after PingInterval × MaxPingsOut to × (MaxPingsOut + 1):
        // NATS.Net counts a ping per tick and aborts the connection on the tick after MaxPingsOut went unanswered
        // (1 s × 3: 3–4 s), then reconnects to another server of NATS_URL.
        PingInterval = bus.PingInterval,
        MaxPingOut = bus.MaxPingsOut,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
