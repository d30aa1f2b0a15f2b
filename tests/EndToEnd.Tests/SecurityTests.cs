using System.Globalization;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// "Who may call the bridge", in a real Chromium against the real stack: the canvas works under its
/// Content-Security-Policy without one violation; a page of another loopback origin can neither read the API nor frame
/// the app; a rebinding name that resolves to 127.0.0.1 gets 421 HOST_NOT_ALLOWED instead of the app.
/// </summary>
public sealed class SecurityTests
{
    // Every CSP violation the page reports, as "directive blocked-uri source:line" (registered before any page script).
    private const string CollectViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
        """;

    static SecurityTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task The_canvas_works_under_its_Content_Security_Policy_without_a_single_violation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(The_canvas_works_under_its_Content_Security_Policy_without_a_single_violation)).WaitAsync(cts.Token);
        var page = browser.Page;
        var consoleLines = new List<string>();
        page.Console += (_, message) => consoleLines.Add($"{message.Type}: {message.Text}");
        await page.AddInitScriptAsync(CollectViolations);
        try
        {
            var document = await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            Assert.NotNull(document);
            Assert.Contains("frame-ancestors 'none'", await document.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");

            // A user drops a block, it loads its space, opens the picker, picks another space, reloads.
            var palette = page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true });
            var block = page.GetByTestId("genie-node").Nth(0);
            await palette.DragToAsync(page.GetByTestId("canvas"), new() { TargetPosition = new() { X = 320, Y = 80 } });
            await Expect(block).ToHaveAttributeAsync("data-state", "ready");
            await Expect(block.GetByTestId("genie-title")).Not.ToBeEmptyAsync();
            await Browser.WaitUntilStillAsync(block);
            await block.GetByRole(AriaRole.Button, new() { Name = "Choose space", Exact = true }).ClickAsync();
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a Genie space" });
            var other = picker.Locator($"[data-testid=space-option]:not([data-space-id='{EmulatorProcess.SalesSpaceId}'])").First;
            await other.ClickAsync();
            await Expect(picker).ToBeHiddenAsync();
            await Expect(block).ToHaveAttributeAsync("data-state", "ready");
            await page.ReloadAsync();
            await Expect(page.GetByTestId("genie-node")).ToHaveCountAsync(1);
            await Expect(block).ToHaveAttributeAsync("data-state", "ready");
            await browser.ScreenshotAsync("under-csp");

            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.True(violations.Length == 0, "CSP violations: " + string.Join(" | ", violations));
            var refused = consoleLines.Where(static l => l.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
            Assert.True(refused.Count == 0, "console: " + string.Join(" | ", refused));

            // The detector itself works: an injected inline script is blocked and reported.
            var ran = await page.EvaluateAsync<bool>("""
                () => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true';
                        document.head.appendChild(s); return window.__inlineRan === true; }
                """);
            Assert.False(ran, "an inline script ran under the CSP");
            await page.WaitForFunctionAsync("() => window.__cspViolations.some(v => v.startsWith('script-src'))");
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    [Fact]
    public async Task A_page_of_another_loopback_origin_cannot_read_the_API_change_anything_or_frame_the_app()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        await using var other = SecondOrigin.Start();
        await using var browser = await Browser.LaunchAsync(nameof(A_page_of_another_loopback_origin_cannot_read_the_API_change_anything_or_frame_the_app)).WaitAsync(cts.Token);
        var page = browser.Page;
        var consoleLines = new List<string>();
        page.Console += (_, message) => consoleLines.Add(message.Text);
        var bridge = stack.Bridge.BaseUrl.ToString().TrimEnd('/');
        try
        {
            await page.GotoAsync(other.Url.ToString());

            // Control: this page can fetch its own origin.
            Assert.Equal("read {\"own\":true}", await FetchAsync(page, "/own.json", "{}"));

            // Reads: the browser sends simple GETs, but without CORS headers the page gets no answer to read.
            foreach (var path in new[] { $"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}", "/api/genie/spaces", "/api/config", "/health", "/" })
            {
                Assert.Equal("blocked TypeError", await FetchAsync(page, bridge + path, "{}"));
            }

            // Writes: JSON POST and DELETE need a preflight, which no CORS policy answers; nothing reaches Databricks.
            var callsBefore = await stack.Emulator.CallCountAsync(cancellationToken: cts.Token);
            var json = $$"""{"method":"POST","headers":{"Content-Type":"application/json"},"body":"{\"space_id\":\"{{EmulatorProcess.SalesSpaceId}}\"}"}""";
            Assert.Equal("blocked TypeError", await FetchAsync(page, bridge + "/api/genie/get", json));
            Assert.Equal("blocked TypeError", await FetchAsync(page, bridge + "/api/flows/my-flow", """{"method":"DELETE"}"""));
            // A "simple" POST goes out without a preflight: the page reads nothing of the answer (Chromium's opaque-response
            // blocking even turns it into a network error), and the bridge refused it before the bus (its log says why).
            var simple = $$"""{"method":"POST","mode":"no-cors","headers":{"Content-Type":"text/plain"},"body":"{\"space_id\":\"{{EmulatorProcess.SalesSpaceId}}\"}"}""";
            Assert.DoesNotContain("{", await FetchAsync(page, bridge + "/api/genie/get", simple), StringComparison.Ordinal);
            await stack.Bridge.Process.WaitForOutputAsync("Refused a cross-site POST: a foreign Origin", TimeSpan.FromSeconds(10));
            Assert.Equal(callsBefore, await stack.Emulator.CallCountAsync(cancellationToken: cts.Token));

            // Framing: the other site's own page frames fine; the app refuses to be framed (frame-ancestors 'none').
            await AddFrameAsync(page, "control", other.Url + "frame-me");
            await Expect(page.FrameLocator("#control").Locator("#framed")).ToHaveTextAsync(SecondOrigin.FramedText);
            await AddFrameAsync(page, "app", bridge + "/");
            var appFrame = page.Frames.Single(f => f.Name == "app");
            await Expect(page.FrameLocator("#app").GetByTestId("canvas")).ToHaveCountAsync(0);
            Assert.False(appFrame.Url.StartsWith(bridge, StringComparison.Ordinal) && await appFrame.Locator("#root").CountAsync() > 0,
                $"the app was framed ({appFrame.Url})");
            Assert.Contains(consoleLines, l => l.Contains("frame-ancestors 'none'", StringComparison.Ordinal));
            await browser.ScreenshotAsync("other-origin");
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    [Fact]
    public async Task A_rebinding_name_that_resolves_to_127_0_0_1_gets_HOST_NOT_ALLOWED_instead_of_the_app()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        // The attacker's name, resolved by the browser to the bridge's address: what DNS rebinding achieves.
        await using var browser = await Browser.LaunchAsync(
            nameof(A_rebinding_name_that_resolves_to_127_0_0_1_gets_HOST_NOT_ALLOWED_instead_of_the_app),
            extraArgs: ["--host-resolver-rules=MAP rebind.test 127.0.0.1"]).WaitAsync(cts.Token);
        var page = browser.Page;
        var port = stack.Bridge.Port.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var path in new[] { "/", "/api/config", "/health" })
            {
                var answer = await page.GotoAsync($"http://rebind.test:{port}{path}");
                Assert.NotNull(answer);
                Assert.Equal(421, answer.Status);
                Assert.Contains("\"code\":\"HOST_NOT_ALLOWED\"", await answer.TextAsync(), StringComparison.Ordinal);
            }
            await Expect(page.GetByTestId("canvas")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync("rebinding-refused");

            // Control: the same browser reaches the app under its own address.
            await page.GotoAsync($"http://127.0.0.1:{port}/");
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    // fetch() from the page's origin: "read <body>" when the page could read the answer, else "blocked <error name>".
    private static Task<string> FetchAsync(IPage page, string url, string init) =>
        page.EvaluateAsync<string>("""
            async ([url, init]) => {
              try { const r = await fetch(url, JSON.parse(init)); return 'read ' + await r.text(); }
              catch (e) { return 'blocked ' + e.name; }
            }
            """, new[] { url, init });

    private static Task AddFrameAsync(IPage page, string name, string src) =>
        page.EvaluateAsync("""
            ([name, src]) => new Promise(resolve => {
              const frame = document.createElement('iframe');
              frame.id = name; frame.name = name; frame.src = src;
              frame.onload = () => resolve();
              document.body.appendChild(frame);
            })
            """, new[] { name, src });
}
