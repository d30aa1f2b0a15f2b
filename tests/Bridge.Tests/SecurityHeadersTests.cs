using System.Net;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>The page, its assets, API answers and refusals all carry the CSP, Referrer-Policy, nosniff and COOP.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly string _built = Directory.CreateTempSubdirectory("bridge-frontend-csp-").FullName;
    private readonly string _deadNats = $"nats://127.0.0.1:{FreeTcpPort.Next()}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_built, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_built, "index.html"), "<!doctype html><html><body><div id=\"root\"></div></body></html>");
        await File.WriteAllTextAsync(Path.Combine(_built, "assets", "index-Bx7d9kQ2.js"), "console.log('asset');");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_built, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await using var bridge = await BridgeProcess.StartAsync(_deadNats, new Dictionary<string, string?> { ["Bridge__FrontendPath"] = _built });

        var answers = new (string Method, string Path, Dictionary<string, string>? Headers, HttpStatusCode Status)[]
        {
            ("GET", "/", null, HttpStatusCode.OK),                                          // the page
            ("GET", "/flows/42", null, HttpStatusCode.OK),                                  // SPA fallback
            ("GET", "/assets/index-Bx7d9kQ2.js", null, HttpStatusCode.OK),
            ("GET", "/api/config", null, HttpStatusCode.OK),
            ("GET", "/health", null, HttpStatusCode.OK),
            ("GET", "/api/genie/get?space_id=s1", null, HttpStatusCode.ServiceUnavailable),  // a bus failure
            ("GET", "/api/nothing-here", null, HttpStatusCode.NotFound),
            ("GET", "/", new() { ["Host"] = "evil.example" }, HttpStatusCode.MisdirectedRequest),
            ("POST", "/api/genie/get", new() { ["Origin"] = "http://evil.example" }, HttpStatusCode.Forbidden),
        };
        foreach (var (method, path, headers, status) in answers)
        {
            using var response = await CallerRequest.SendAsync(bridge.Client, method, path, bridge.Port, headers, cts.Token);
            var what = $"{method} {path} ({(int)response.StatusCode})";
            Assert.True(status == response.StatusCode, what);

            var csp = Single(response, "Content-Security-Policy", what);
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("default-src 'self'", directives);
            Assert.Contains("script-src 'self'", directives);   // exactly: no 'unsafe-inline', no 'unsafe-eval'
            Assert.Contains("connect-src 'self'", directives);
            Assert.Contains("frame-ancestors 'none'", directives);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("no-referrer", Single(response, "Referrer-Policy", what));
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options", what));
            Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy", what));
            Assert.Equal("DENY", Single(response, "X-Frame-Options", what));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), what);
        }
    }

    private static string Single(HttpResponseMessage response, string name, string what)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{what}: no {name}");
        return Assert.Single(values);
    }
}
