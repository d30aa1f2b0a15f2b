using GenieCanvas.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Security;

/// <summary>
/// Who may call the bridge (DESIGN.md): security headers, the Host allow-list, CORS only for configured origins, and
/// the cross-site guard. Two hooks: <see cref="AddBridgeSecurity"/> with the registrations, <see cref="UseBridgeSecurity"/>
/// in the pipeline before any endpoint (static files and the SPA fallback included).
/// </summary>
public static class BridgeSecurity
{
    public const string CorsPolicy = "Bridge__AllowedOrigins";

    public static IHostApplicationBuilder AddBridgeSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGenieOptions<BridgeSecurityOptions>(BridgeSecurityOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<BridgeSecurityOptions>, BridgeSecurityOptionsValidator>();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IConfigureOptions<CorsOptions>, ConfigureCors>();
        return builder;
    }

    public static IApplicationBuilder UseBridgeSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HostAllowList>();
        if (app.ApplicationServices.GetRequiredService<IOptions<BridgeSecurityOptions>>().Value.AllowedOriginList.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }
        app.UseMiddleware<CrossSiteGuard>();
        return app;
    }

    /// <summary>CORS for exactly the configured origins: the API's methods and headers, and the headers the UI reads.</summary>
    private sealed class ConfigureCors(IOptions<BridgeSecurityOptions> security) : IConfigureOptions<CorsOptions>
    {
        public void Configure(CorsOptions options) =>
            options.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. security.Value.AllowedOriginList.Select(static o => WebOrigin.TryNormalize(o, out var n) ? n : o)])
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                .AllowAnyHeader()
                .WithExposedHeaders("X-Request-Id", "ETag", "Location", "Retry-After"));
    }
}
