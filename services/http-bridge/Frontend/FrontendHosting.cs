using GenieCanvas.Bridge.Options;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GenieCanvas.Bridge.Frontend;

/// <summary>
/// Serves the built frontend (Vite's dist/) with an SPA fallback: any other path that is not a file gets index.html.
/// Hashed files under /assets/ are cached for a year; index.html is revalidated every time so a new build shows at once.
/// Without a build, every page is <see cref="FrontendNotBuiltPage"/> (200) saying how to build it.
/// </summary>
public static partial class FrontendHosting
{
    private const string ImmutableAssets = "public, max-age=31536000, immutable";

    public static WebApplication MapFrontend(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<BridgeOptions>>().Value.FrontendPath;
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogNotBuilt(app.Logger, root);
            app.MapFallback(FrontendNotBuiltPage.Handle(root));
            return app;
        }

        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = SetCacheHeaders,
        };
        app.UseStaticFiles(files);
        app.MapFallbackToFile("index.html", files);
        LogServing(app.Logger, root);
        return app;
    }

    private static void SetCacheHeaders(StaticFileResponseContext context)
    {
        var immutable = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                        && !string.Equals(context.File.Name, "index.html", StringComparison.Ordinal);
        context.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? ImmutableAssets : "no-cache";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the frontend from {FrontendPath}")]
    private static partial void LogServing(ILogger logger, string frontendPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The frontend is not built ({FrontendPath} has no index.html); pages show how to build it")]
    private static partial void LogNotBuilt(ILogger logger, string frontendPath);
}
