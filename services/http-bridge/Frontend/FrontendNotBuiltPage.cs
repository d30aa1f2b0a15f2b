using System.Net;
using System.Text;

namespace GenieCanvas.Bridge.Frontend;

/// <summary>The page shown instead of a 404 while frontend/dist does not exist yet.</summary>
public static class FrontendNotBuiltPage
{
    public static Func<HttpContext, Task> Handle(string frontendPath)
    {
        var page = Encoding.UTF8.GetBytes(Render(frontendPath));
        return async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentLength = page.Length;
            await context.Response.Body.WriteAsync(page, context.RequestAborted);
        };
    }

    private static string Render(string frontendPath) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>GenieCanvas: frontend not built</title>
          <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f3f3;padding:.1rem .3rem;border-radius:4px}pre{padding:.8rem}</style>
        </head>
        <body>
          <h1>The GenieCanvas frontend is not built yet</h1>
          <p>The bridge is running, but it found no <code>index.html</code> in <code>{{WebUtility.HtmlEncode(frontendPath)}}</code>.</p>
          <p>Build it from the repository root, then restart the bridge:</p>
          <pre>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</pre>
          <p>Or run <code>./start.sh</code>, which builds the frontend and starts the whole stack.</p>
          <p>The API works meanwhile: <a href="/health/ready">/health/ready</a>, <a href="/api/genie/status">/api/genie/status</a>, <a href="/api/config">/api/config</a>.</p>
        </body>
        </html>
        """;
}
