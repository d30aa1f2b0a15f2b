using GenieCanvas.Bridge.Options;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>Builds the one NATS connection of the bridge. It is opened in the background by <see cref="BusConnector"/>.</summary>
public static class BusConnectionFactory
{
    public static NatsConnection Create(IServiceProvider services)
    {
        var bus = services.GetRequiredService<IOptions<BusOptions>>().Value;
        return new NatsConnection(new NatsOpts
        {
            Url = bus.Url,
            Name = "genie-http-bridge",
            AuthOpts = new NatsAuthOpts
            {
                CredsFile = bus.CredsFile,
                Username = bus.User,
                Password = bus.Password,
                Token = bus.Token,
            },
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
            // The bridge must come up while NATS is down and keep trying, answering 503 BUS_UNAVAILABLE meanwhile.
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            // Wrong credentials may be fixed on the server side: keep trying rather than give up for good.
            IgnoreAuthErrorAbort = true,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(250),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            // A publish racing a disconnect fails after CommandTimeout instead of waiting for the reconnect.
            PublishTimeoutOnDisconnected = true,
            CommandTimeout = TimeSpan.FromSeconds(2),
            SerializerRegistry = NatsDefaultSerializerRegistry.Default,
        });
    }
}
