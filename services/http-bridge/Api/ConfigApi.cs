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

    public static JsonHttpResult<FrontendConfig> GetConfig(IOptions<BridgeOptions> options) =>
        TypedResults.Json(new FrontendConfig(options.Value.DefaultSpaceId), BridgeJsonContext.Default.FrontendConfig);
}
