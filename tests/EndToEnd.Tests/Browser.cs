using GenieCanvas.Testing;
using Microsoft.Playwright;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (the package's own driver; no browser download), one page at 1400×900,
/// with screenshots written to artifacts/test-results/screenshots/&lt;test&gt;/ as test output.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Playwright's own wait for each action and assertion, so no await in a test can hang.</summary>
    public const float ActionTimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _screenshots;
    private int _shot;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page, string screenshots)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _screenshots = screenshots;
    }

    public IPage Page { get; }

    public IBrowserContext Context => Page.Context;

    /// <summary><paramref name="extraArgs"/>: more Chromium switches, e.g. --host-resolver-rules for a second name.</summary>
    public static async Task<Browser> LaunchAsync(string testName, int width = 1400, int height = 900, bool bypassCsp = false, IEnumerable<string>? extraArgs = null)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (deploy/install-prereqs.sh --with-browser).");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = [.. ChromiumArgs, .. extraArgs ?? []],
                Timeout = 30_000,
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                AcceptDownloads = true,
                // Only for the axe check, which injects axe-core as a script tag the page's own CSP would refuse.
                BypassCSP = bypassCsp,
            });
            context.SetDefaultTimeout(ActionTimeoutMs);
            context.SetDefaultNavigationTimeout(30_000);
            var page = await context.NewPageAsync();
            var screenshots = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "screenshots", testName);
            Directory.CreateDirectory(screenshots);
            return new Browser(playwright, browser, page, screenshots);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="block"/> has kept its place and size for 300 ms. A block that just loaded its space
    /// grows, and the canvas then pans or zooms to keep it in view (a 200 ms animation): a click in that moment is
    /// pressed on one spot and released on another, and is no click. A person does not click that fast; a test does.
    /// </summary>
    public static async Task WaitUntilStillAsync(ILocator block)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(ActionTimeoutMs);
        LocatorBoundingBoxResult? last = null;
        var stillSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var box = await block.BoundingBoxAsync();
            if (box is null || last is null || box.X != last.X || box.Y != last.Y || box.Width != last.Width || box.Height != last.Height)
            {
                (last, stillSince) = (box, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - stillSince >= TimeSpan.FromMilliseconds(300))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the block kept moving for {ActionTimeoutMs} ms");
    }

    /// <summary>Asserts that no two blocks on the page's canvas overlap (after 300 ms, for a move to be drawn).</summary>
    public static async Task ExpectNoOverlapAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(300);
        var boxes = await page.Locator(".react-flow__node").EvaluateAllAsync<double[][]>(
            "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                Assert.False(overlap, $"block {i} [{string.Join(", ", a)}] overlaps block {j} [{string.Join(", ", b)}]");
            }
        }
    }

    /// <summary>Saves the whole page as NN-name.png and returns the path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(_screenshots, $"{++_shot:00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = ActionTimeoutMs });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
