using Microsoft.Extensions.Primitives;

namespace GenieCanvas.Bridge.Security;

/// <summary>
/// Puts the browser-side protections on every response, the page and the API alike (an API answer opened as a page
/// gets the same rules). Set in OnStarting, so a response the exception handler cleared and rewrote still has them.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// What the built frontend (Vite: one module script and one stylesheet under /assets/, no inline script, no eval)
    /// needs and nothing more. connect-src 'self': the page talks only to this bridge. frame-ancestors 'none': no page
    /// may frame the app (clickjacking). img-src data:: the favicon is a data: URL in index.html.
    /// style-src 'self' without 'unsafe-inline', checked in Chromium (tests/EndToEnd.Tests/SecurityTests.cs): React and
    /// React Flow set node positions and sizes through the CSSOM (element.style), which CSP does not govern; only
    /// &lt;style&gt; elements and style="…" markup would need 'unsafe-inline', and the built app has neither. (The bridge's
    /// own "frontend not built" page has an inline &lt;style&gt;: it shows unstyled, still readable.)
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly StringValues Csp = new(ContentSecurityPolicy);
    private static readonly StringValues NoReferrer = new("no-referrer");
    private static readonly StringValues SameOrigin = new("same-origin");
    private static readonly StringValues Deny = new("DENY");

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = Csp;
            headers["Referrer-Policy"] = NoReferrer;
            headers["Cross-Origin-Opener-Policy"] = SameOrigin;
            // No other site may load our answers as images, scripts or styles (no-cors reads); CORS, when enabled, is unaffected.
            headers["Cross-Origin-Resource-Policy"] = SameOrigin;
            // frame-ancestors' older twin, for browsers without CSP level 2.
            headers.XFrameOptions = Deny;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
