using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Net;

namespace GenieCanvas.Responder.Bus;

/// <summary>Builds the NATS connection: URL list, authentication, reconnect forever, retry the first connect too.</summary>
public sealed class BusConnectionFactory(IOptions<BusOptions> options, ILoggerFactory loggerFactory)
{
    public NatsConnection Create()
    {
        var bus = options.Value;
        return new NatsConnection(new NatsOpts
        {
            Url = bus.Url,
            Name = "genie-responder",
            LoggerFactory = loggerFactory,
            SerializerRegistry = NatsClientDefaultSerializerRegistry.Default,
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            AuthOpts = new NatsAuthOpts
            {
                CredsFile = Blank(bus.CredsFile),
                Username = Blank(bus.User),
                Password = Blank(bus.Password),
                Token = Blank(bus.Token),
            },
        });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
