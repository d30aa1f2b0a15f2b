using GenieCanvas.Bridge.Bus;
using GenieCanvas.Bridge.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Api;

/// <summary>GET /api/config: what the frontend needs at start.</summary>
public static class ConfigApi
{
    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", GetConfig);
        return app;
    }

    /// <summary>The workspace is what the responders say they serve (the directory's cached $SRV.STATS answers).</summary>
    public static async Task<JsonHttpResult<FrontendConfig>> GetConfig(
        IOptions<BridgeOptions> options, ResponderDirectory responders, CancellationToken cancellationToken)
    {
        var status = await responders.GetStatusAsync(cancellationToken);
        var serving = status.Responders.FirstOrDefault(r => r.Workspace is not null);
        return TypedResults.Json(
            new FrontendConfig(options.Value.DefaultSpaceId, serving?.Workspace, serving?.Demo ?? false),
            BridgeJsonContext.Default.FrontendConfig);
    }
}
