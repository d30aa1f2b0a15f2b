using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// The built frontend with SPA fallback and cache headers, and the "not built yet" page. NATS is deliberately absent:
/// pages are served whatever the bus does.
/// </summary>
public sealed class FrontendTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><html><body><div id=\"root\">GenieCanvas test build</div></body></html>";
    private const string Asset = "console.log('hashed asset');";

    private readonly string _built = Directory.CreateTempSubdirectory("bridge-frontend-").FullName;
    private readonly string _empty = Directory.CreateTempSubdirectory("bridge-frontend-empty-").FullName;
    private readonly string _deadNats = $"nats://127.0.0.1:{FreeTcpPort.Next()}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_built, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_built, "index.html"), Index);
        await File.WriteAllTextAsync(Path.Combine(_built, "assets", "index-Bx7d9kQ2.js"), Asset);
        await File.WriteAllTextAsync(Path.Combine(_built, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_built, recursive: true);
        Directory.Delete(_empty, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_built_frontend_is_served_with_spa_fallback_and_cache_headers()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var bridge = await BridgeProcess.StartAsync(_deadNats, new Dictionary<string, string?> { ["Bridge__FrontendPath"] = _built });

        foreach (var path in new[] { "/", "/flows/42", "/some/deep/route" })
        {
            using var page = await bridge.Client.GetAsync(path, cts.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Index, await page.Content.ReadAsStringAsync(cts.Token));
            Assert.True(page.Headers.CacheControl?.NoCache, $"{path}: index.html must be revalidated");
        }

        using var asset = await bridge.Client.GetAsync("/assets/index-Bx7d9kQ2.js", cts.Token);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(Asset, await asset.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());

        using var favicon = await bridge.Client.GetAsync("/favicon.svg", cts.Token);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.True(favicon.Headers.CacheControl?.NoCache);

        using var missingAsset = await bridge.Client.GetAsync("/assets/missing-0000.js", cts.Token);
        Assert.Equal(HttpStatusCode.NotFound, missingAsset.StatusCode);

        using var api = await bridge.Client.GetAsync("/api/not-a-route", cts.Token);
        await Problem.AssertAsync(api, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
    }

    [Fact]
    public async Task Without_a_build_every_page_explains_how_to_build_the_frontend()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var bridge = await BridgeProcess.StartAsync(_deadNats, new Dictionary<string, string?> { ["Bridge__FrontendPath"] = _empty });

        foreach (var path in new[] { "/", "/flows/42" })
        {
            using var page = await bridge.Client.GetAsync(path, cts.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync(cts.Token);
            Assert.Contains("not built", html, StringComparison.Ordinal);
            Assert.Contains("cd frontend &amp;&amp; npm ci &amp;&amp; npm run build", html, StringComparison.Ordinal);
            Assert.Contains("./start.sh", html, StringComparison.Ordinal);
        }

        using var api = await bridge.Client.GetAsync("/api/config", cts.Token);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task A_missing_frontend_folder_also_gives_the_not_built_page()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var missing = Path.Combine(_empty, "does-not-exist");
        await using var bridge = await BridgeProcess.StartAsync(_deadNats, new Dictionary<string, string?> { ["Bridge__FrontendPath"] = missing });

        using var page = await bridge.Client.GetAsync("/", cts.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("npm run build", await page.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
    }
}
