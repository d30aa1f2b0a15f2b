using GenieCanvas.Hosting;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Flows;

/// <summary>What the flows API needs: its options (validated at start) and the store on the bridge's NATS connection.</summary>
public static class FlowsRegistration
{
    /// <summary>Needs an <see cref="NATS.Client.Core.INatsConnection"/> in DI (the bridge's one connection).</summary>
    public static IServiceCollection AddFlows(this IServiceCollection services)
    {
        services.AddGenieOptions<FlowOptions>(FlowOptions.Section);
        services.AddSingleton<IValidateOptions<FlowOptions>, FlowOptionsValidator>();
        services.AddSingleton<FlowStore>();
        return services;
    }
}
