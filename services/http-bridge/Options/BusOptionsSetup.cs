using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Options;

/// <summary>Reads <see cref="BusOptions"/> from the environment variables every GenieCanvas service shares.</summary>
public sealed class BusOptionsSetup(IConfiguration configuration) : IConfigureOptions<BusOptions>
{
    public void Configure(BusOptions options)
    {
        options.Url = NonEmpty("NATS_URL") ?? BusOptions.DefaultUrl;
        options.CredsFile = NonEmpty("NATS_CREDS");
        options.User = NonEmpty("NATS_USER");
        options.Password = NonEmpty("NATS_PASSWORD");
        options.Token = NonEmpty("NATS_TOKEN");
    }

    private string? NonEmpty(string key) => configuration[key] is { Length: > 0 } value ? value : null;
}
