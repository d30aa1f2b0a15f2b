using System.Text.Json;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Issue 15 as a user meets it in Chromium against the real stack: placement, delete, undo/redo, copy/paste,
/// export → import, dark mode, focus rings, and axe finding no serious violation.
/// </summary>
public sealed class CanvasEditingTests
{
    private const string Sales = EmulatorProcess.SalesSpaceId;

    /// <summary>The policy issue 14 puts on the page; the built frontend must work under it with no violation.</summary>
    private const string ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";
    private static readonly string AxePath = Path.Combine(RepoPaths.Root, "frontend", "node_modules", "axe-core", "axe.min.js");

    static CanvasEditingTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task Blocks_land_in_view_and_on_free_space_and_delete_undo_copy_paste_and_export_import_work_from_the_keyboard()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        var sales = await SpaceFacts.FromEmulatorAsync(stack.Emulator, Sales, cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(Blocks_land_in_view_and_on_free_space_and_delete_undo_copy_paste_and_export_import_work_from_the_keyboard)).WaitAsync(cts.Token);
        var page = browser.Page;
        try
        {
            await ServeUnderContentSecurityPolicyAsync(page);
            await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            var canvas = page.GetByTestId("canvas");
            var genies = page.GetByTestId("genie-node");
            var notes = page.GetByTestId("note-node");

            // Dropped at the canvas centre, the loaded block is wholly in view (it was 132 px below the window).
            var box = (await canvas.BoundingBoxAsync())!;
            await page.GetByTestId("palette-genie").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width / 2, Y = box.Height / 2 } });
            await Expect(genies.Nth(0).GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await ExpectInsideAsync(genies.Nth(0), canvas);
            await ExpectInsideAsync(page.Locator(".react-flow__node-toolbar"), canvas);

            // Keyboard adds (Enter on palette items) go into free space: no two blocks overlap.
            await page.GetByRole(AriaRole.Button, new() { Name = "Note block", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(notes).ToHaveCountAsync(2);
            await Expect(genies).ToHaveCountAsync(2);
            await Expect(genies.Nth(1)).ToHaveAttributeAsync("data-state", "ready");
            await Expect(page.GetByTestId("announcer")).ToContainTextAsync("Genie block added");
            await Browser.ExpectNoOverlapAsync(page);
            await browser.ScreenshotAsync("four-blocks");

            // A note's text, typed into its field, is not taken by a shortcut (Backspace deletes a character, not the block).
            var firstNote = notes.Nth(0);
            var text = firstNote.GetByRole(AriaRole.Textbox, new() { Name = "Note text" });
            await text.FillAsync("Revenue by regionx");
            await text.PressAsync("Backspace");
            await Expect(text).ToHaveValueAsync("Revenue by region");
            await Expect(notes).ToHaveCountAsync(2);

            // Delete with the key; Ctrl+Z brings it back; Shift+Ctrl+Z and Ctrl+Y redo.
            await SelectAsync(firstNote);
            await page.Keyboard.PressAsync("Delete");
            await Expect(notes).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Control+z");
            await Expect(notes).ToHaveCountAsync(2);
            await page.Keyboard.PressAsync("Control+Shift+z");
            await Expect(notes).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Control+z");
            await Expect(notes).ToHaveCountAsync(2);
            await Expect(notes.Nth(0).GetByRole(AriaRole.Textbox)).ToHaveValueAsync("Revenue by region");

            // The toolbar over a selected block: Duplicate, then Delete.
            await SelectAsync(genies.Nth(0));
            var toolbar = page.Locator(".react-flow__node-toolbar");
            await toolbar.GetByRole(AriaRole.Button, new() { Name = "Duplicate", Exact = true }).ClickAsync();
            await Expect(genies).ToHaveCountAsync(3);
            await Expect(genies.Nth(2)).ToHaveAttributeAsync("data-space-id", Sales);
            await page.Locator(".react-flow__node-toolbar").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(genies).ToHaveCountAsync(2);

            // Copy a Genie block and a note, paste: two new blocks with new ids. (Only a Genie block may feed a Supervisor
            // now, so a Genie → Note edge is refused; edges coming along with a paste are proven in canvasStore.test.ts.)
            var idsBefore = await NodeIdsAsync(page);
            await SelectAsync(genies.Nth(0));
            await SelectAsync(notes.Nth(0), add: true);
            await page.Keyboard.PressAsync("Control+c");
            await page.Keyboard.PressAsync("Control+v");
            await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(idsBefore.Count + 2);
            var idsAfter = await NodeIdsAsync(page);
            Assert.Equal(idsBefore.Count + 2, idsAfter.Distinct().Count());
            Assert.True(idsBefore.All(idsAfter.Contains));
            await browser.ScreenshotAsync("pasted");

            // Box select (Shift+drag on empty canvas) selects every block inside the box.
            await page.Keyboard.PressAsync("Escape");
            var all = page.Locator(".react-flow__node");
            var count = await all.CountAsync();
            await BoxSelectAsync(page, canvas);
            await Expect(page.Locator(".react-flow__node.selected")).ToHaveCountAsync(count);

            // Export downloads a .geniecanvas.json; Clear canvas (undoable) empties it; importing the file brings it back.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
            Assert.EndsWith(".geniecanvas.json", download.SuggestedFilename, StringComparison.Ordinal);
            var file = Path.Combine(Path.GetTempPath(), $"canvas-{Guid.NewGuid():N}.geniecanvas.json");
            await download.SaveAsAsync(file);
            using (var exported = JsonDocument.Parse(await File.ReadAllTextAsync(file, cts.Token)))
            {
                Assert.Equal("geniecanvas", exported.RootElement.GetProperty("format").GetString());
                Assert.Equal(count, exported.RootElement.GetProperty("nodes").GetArrayLength());
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear canvas", Exact = true }).ClickAsync();
            await Expect(all).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Control+z");
            await Expect(all).ToHaveCountAsync(count);
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear canvas", Exact = true }).ClickAsync();
            await Expect(all).ToHaveCountAsync(0);
            await page.GetByTestId("import-file").SetInputFilesAsync(file);
            await Expect(all).ToHaveCountAsync(count);
            await Expect(notes.Nth(0).GetByRole(AriaRole.Textbox)).ToHaveValueAsync("Revenue by region");
            Assert.Equal(idsAfter.Order(), (await NodeIdsAsync(page)).Order());

            // The same file dropped onto the canvas imports too.
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear canvas", Exact = true }).ClickAsync();
            await Expect(all).ToHaveCountAsync(0);
            var dropped = await page.EvaluateHandleAsync(
                "text => { const dt = new DataTransfer(); dt.items.add(new File([text], 'dropped.geniecanvas.json', { type: 'application/json' })); return dt; }",
                await File.ReadAllTextAsync(file, cts.Token));
            await page.Locator(".react-flow__pane").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
            await Expect(all).ToHaveCountAsync(count);
            await Expect(page.GetByTestId("canvas-notice")).ToContainTextAsync("Imported");

            // A foreign file is refused with a clear message and changes nothing.
            var foreign = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(foreign, "{\"name\":\"package\",\"dependencies\":{}}", cts.Token);
            await page.GetByTestId("import-file").SetInputFilesAsync(foreign);
            await Expect(page.GetByTestId("canvas-notice")).ToContainTextAsync("not a GenieCanvas file");
            await Expect(all).ToHaveCountAsync(count);
            File.Delete(file);
            File.Delete(foreign);

            // No flows API on this bridge yet: the canvas says, quietly, that it is kept in this browser.
            await Expect(page.GetByTestId("save-state")).ToHaveTextAsync("This browser only");
            await browser.ScreenshotAsync("imported");

            // All of the above ran under the page's Content-Security-Policy without one violation.
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.True(violations.Length == 0, $"CSP violations: {string.Join("; ", violations)}");
            var inlineRefused = await page.EvaluateAsync<bool>(
                "() => { window.__inline = false; const s = document.createElement('script'); s.textContent = 'window.__inline = true'; document.head.append(s); return !window.__inline; }");
            Assert.True(inlineRefused, "the page was not served under the policy: an inline script ran");
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(1024, 700)]
    public async Task Light_and_dark_pass_axe_every_button_shows_focus_and_a_dropped_block_stays_in_view(int width, int height)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        var testName = $"{nameof(Light_and_dark_pass_axe_every_button_shows_focus_and_a_dropped_block_stays_in_view)}-{width}x{height}";
        await using var browser = await Browser.LaunchAsync(testName, width, height, bypassCsp: true).WaitAsync(cts.Token);
        var page = browser.Page;
        try
        {
            await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");
            var canvas = page.GetByTestId("canvas");
            var box = (await canvas.BoundingBoxAsync())!;
            await page.GetByTestId("palette-genie").DragToAsync(canvas, new() { TargetPosition = new() { X = box.Width / 2, Y = box.Height / 2 } });
            var genie = page.GetByTestId("genie-node");
            await Expect(genie).ToHaveAttributeAsync("data-state", "ready");
            await ExpectInsideAsync(genie, canvas);
            await page.GetByRole(AriaRole.Button, new() { Name = "Note block", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Browser.ExpectNoOverlapAsync(page);
            await page.Mouse.ClickAsync(box.X + 30, box.Y + box.Height - 30); // empty canvas: nothing selected
            await browser.ScreenshotAsync("light");
            await ExpectNoSeriousAxeViolationsAsync(page, "light");

            await ExpectEveryButtonShowsFocusAsync(page);

            // The toggle: dark, for the page and for React Flow.
            await page.GetByTestId("theme-select").SelectOptionAsync("dark");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(page.Locator(".react-flow")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdark\b"));
            Assert.Equal("rgb(15, 18, 32)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.react-flow__pane') ? document.querySelector('.react-flow') : document.body).backgroundColor"));
            await browser.ScreenshotAsync("dark");
            await ExpectNoSeriousAxeViolationsAsync(page, "dark");

            // "System theme" follows the system's preference, both ways, and the choice survives a reload.
            await page.GetByTestId("theme-select").SelectOptionAsync("system");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await page.GetByTestId("theme-select").SelectOptionAsync("light");
            await page.ReloadAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");

            // The shortcuts panel: "?" opens it, Escape closes it and focus returns.
            await page.GetByRole(AriaRole.Button, new() { Name = "Keyboard shortcuts" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("Undo");
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            Assert.Equal("Keyboard shortcuts", await page.EvaluateAsync<string>("document.activeElement?.textContent?.replace('?', '').trim()"));

            // The flow menu: without a flows API on this bridge it says the canvas is kept in this browser; Escape
            // closes it and focus returns to its button.
            await page.GetByTestId("flow-menu").ClickAsync();
            var menu = page.GetByRole(AriaRole.Group, new() { Name = "Flow menu" });
            await Expect(menu.GetByRole(AriaRole.Button, new() { Name = "New flow" })).ToBeVisibleAsync();
            await Expect(menu).ToContainTextAsync("kept in this browser");
            await browser.ScreenshotAsync("flow-menu");
            await page.Keyboard.PressAsync("Escape");
            await Expect(menu).ToBeHiddenAsync();
            await Expect(page.GetByTestId("flow-menu")).ToBeFocusedAsync();
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    /// <summary>
    /// Serves the bridge's page with <see cref="ContentSecurityPolicy"/> (until the bridge sends it itself) and records
    /// every violation the page reports in <c>window.__cspViolations</c>.
    /// </summary>
    private static async Task ServeUnderContentSecurityPolicyAsync(IPage page)
    {
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));");
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = ContentSecurityPolicy };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
    }

    /// <summary>Selects a block by clicking its header (not one of its buttons); with <paramref name="add"/>, Ctrl+click adds to the selection.</summary>
    private static async Task SelectAsync(ILocator block, bool add = false)
    {
        var header = block.Locator("header").First;
        await header.ClickAsync(new() { Position = new() { X = 6, Y = 6 }, Modifiers = add ? [KeyboardModifier.Control] : [] });
        await Expect(block.Locator("xpath=..")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
    }

    private static async Task ConnectAsync(IPage page, ILocator from, ILocator to)
    {
        var source = (await from.Locator(".react-flow__handle.source").BoundingBoxAsync())!;
        var target = (await to.Locator(".react-flow__handle.target").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(source.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    private static async Task BoxSelectAsync(IPage page, ILocator canvas)
    {
        // Zoom out first so every block is inside the box, then Shift+drag from corner to corner of the canvas.
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit View" }).ClickAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Keyboard.DownAsync("Shift");
        await page.Mouse.MoveAsync(box.X + 4, box.Y + 4);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width - 4, box.Y + box.Height - 4, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await page.Keyboard.UpAsync("Shift");
    }

    private static async Task<List<string>> NodeIdsAsync(IPage page) =>
        [.. await page.Locator(".react-flow__node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.id)")];

    private static async Task ExpectInsideAsync(ILocator element, ILocator container)
    {
        // Let a pan into view settle before measuring.
        await Expect(element.First).ToBeVisibleAsync();
        await element.Page.WaitForTimeoutAsync(400);
        var inner = (await element.First.BoundingBoxAsync())!;
        var outer = (await container.BoundingBoxAsync())!;
        Assert.True(inner.X >= outer.X && inner.Y >= outer.Y, $"top-left {inner.X},{inner.Y} is outside the canvas at {outer.X},{outer.Y}");
        Assert.True(inner.X + inner.Width <= outer.X + outer.Width && inner.Y + inner.Height <= outer.Y + outer.Height,
            $"bottom-right {inner.X + inner.Width},{inner.Y + inner.Height} is outside the canvas ending at {outer.X + outer.Width},{outer.Y + outer.Height}");
    }

    /// <summary>Tabs through the whole page: every button that takes focus draws a visible outline.</summary>
    private static async Task ExpectEveryButtonShowsFocusAsync(IPage page)
    {
        await page.Locator("body").FocusAsync();
        var seen = new HashSet<string>();
        var missing = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>(
                @"() => { const e = document.activeElement; if (!e || e === document.body) return ['', '', ''];
                  const s = getComputedStyle(e); const isButton = e.tagName === 'BUTTON' || e.getAttribute('role') === 'button';
                  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                  return [isButton ? 'button' : e.tagName, (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40), ring ? 'ring' : 'none']; }");
            if (focused[0] != "button")
            {
                continue;
            }
            if (!seen.Add(focused[1]) && seen.Count > 3)
            {
                continue;
            }
            if (focused[2] != "ring")
            {
                missing.Add(focused[1]);
            }
        }
        Assert.True(seen.Count >= 8, $"only {seen.Count} buttons took focus: {string.Join(", ", seen)}");
        Assert.True(missing.Count == 0, $"no visible focus on: {string.Join(", ", missing)}");
    }

    private static async Task ExpectNoSeriousAxeViolationsAsync(IPage page, string label)
    {
        Assert.True(File.Exists(AxePath), $"{AxePath} is missing: run npm ci in frontend/");
        await page.AddScriptTagAsync(new() { Path = AxePath });
        var violations = await page.EvaluateAsync<JsonElement>(
            @"async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }))");
        var list = violations.EnumerateArray().Select(v => $"{v.GetProperty("id")} ({v.GetProperty("impact")}): {v.GetProperty("targets")}").ToList();
        Assert.True(list.Count == 0, $"axe ({label}) found: {string.Join("; ", list)}");
    }
}
