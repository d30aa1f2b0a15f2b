using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Seed step 4 as a user does it, in a real Chromium against the real stack: drag a Genie block, see the space;
/// reload; stop the responder, reload, see the error; start it, every block recovers by itself; pick another space.
/// </summary>
public sealed class CanvasTests
{
    private const string Sales = EmulatorProcess.SalesSpaceId;

    static CanvasTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task A_dropped_Genie_block_shows_its_space_survives_reload_reports_a_stopped_responder_and_recovers_by_itself()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        var sales = await SpaceFacts.FromEmulatorAsync(stack.Emulator, Sales, cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(A_dropped_Genie_block_shows_its_space_survives_reload_reports_a_stopped_responder_and_recovers_by_itself)).WaitAsync(cts.Token);
        var page = browser.Page;
        try
        {
            await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");
            var palette = page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true });
            var canvas = page.GetByTestId("canvas");
            var blocks = page.GetByTestId("genie-node");

            // A real HTML5 drag from the palette onto the React Flow pane; the page asks the bridge for the default space.
            var request = await page.RunAndWaitForRequestAsync(
                () => palette.DragToAsync(canvas, new() { TargetPosition = new() { X = 320, Y = 80 } }),
                r => r.Url.Contains("/api/genie/get", StringComparison.Ordinal));
            Assert.Equal(Sales, HttpUtility.ParseQueryString(new Uri(request.Url).Query)["space_id"]);

            await Expect(blocks).ToHaveCountAsync(1);
            var first = blocks.Nth(0);
            await ExpectSpaceAsync(first, sales);
            await browser.ScreenshotAsync("space-loaded");

            // Reload: the block comes back with its space id and loads the space again.
            await page.ReloadAsync();
            await Expect(blocks).ToHaveCountAsync(1);
            await Expect(first).ToHaveAttributeAsync("data-space-id", Sales);
            await Expect(first.GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await browser.ScreenshotAsync("after-reload");

            // No responder: after a reload (an empty cache) the block says so on the block, with Retry.
            await stack.StopRespondersAsync().WaitAsync(cts.Token);
            await stack.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable).WaitAsync(cts.Token);
            var failed = await page.RunAndWaitForResponseAsync(
                () => page.ReloadAsync(),
                r => r.Url.Contains("/api/genie/get", StringComparison.Ordinal));
            Assert.Equal(503, failed.Status);
            var alert = first.GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync("Genie service unavailable");
            await Expect(first).ToHaveAttributeAsync("data-state", "error");
            await Expect(first.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeVisibleAsync();
            // A second block, dropped now on the same default space, shares its failed answer and shows it too.
            await palette.DragToAsync(canvas, new() { TargetPosition = new() { X = 900, Y = 300 } });
            await Expect(blocks).ToHaveCountAsync(2);
            var second = blocks.Nth(1);
            await Expect(second).ToHaveAttributeAsync("data-state", "error");
            // The header badge turns red, in short words (the reason is in its tooltip).
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "down", new() { Timeout = 25_000 });
            await Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Genie service down");
            await browser.ScreenshotAsync("responder-stopped");

            // A responder again: without any Retry, both blocks load their space once the badge sees the chain ready.
            await stack.StartResponderAsync().WaitAsync(cts.Token);
            await stack.WaitForReadinessAsync(HttpStatusCode.OK).WaitAsync(cts.Token);
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 25_000 });
            await Expect(first.GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await Expect(second.GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await Expect(page.GetByTestId("genie-error")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync("recovered-by-itself");

            // The picker: search by title, pick another space; the block shows it.
            var listed = await SpaceFacts.ListThroughBridgeAsync(stack.Bridge, cts.Token);
            var target = listed.First(s => s.SpaceId != Sales && !string.IsNullOrEmpty(s.Title));
            var other = await SpaceFacts.FromEmulatorAsync(stack.Emulator, target.SpaceId, cts.Token);
            var query = target.Title!.Split(' ')[0];
            var matching = listed.Count(s =>
                (s.Title ?? "").Contains(query, StringComparison.OrdinalIgnoreCase) || s.SpaceId.Contains(query, StringComparison.OrdinalIgnoreCase));

            await second.GetByRole(AriaRole.Button, new() { Name = "Choose space", Exact = true }).ClickAsync();
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a Genie space" });
            await Expect(picker).ToBeVisibleAsync();
            await Expect(picker.GetByTestId("space-option")).ToHaveCountAsync(listed.Count);
            await picker.GetByRole(AriaRole.Searchbox, new() { Name = "Search spaces by title" }).FillAsync(query);
            await Expect(picker.GetByTestId("space-option")).ToHaveCountAsync(matching);
            await browser.ScreenshotAsync("picker");
            await picker.Locator($"[data-testid=space-option][data-space-id='{target.SpaceId}']").ClickAsync();
            await Expect(picker).ToBeHiddenAsync();

            await Expect(second).ToHaveAttributeAsync("data-space-id", target.SpaceId);
            await ExpectSpaceAsync(second, other);
            await Expect(first.GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await browser.ScreenshotAsync("picked-another-space");

            // Both choices survive a reload.
            await page.ReloadAsync();
            await Expect(blocks).ToHaveCountAsync(2);
            await Expect(first.GetByTestId("genie-title")).ToHaveTextAsync(sales.DisplayName);
            await Expect(second.GetByTestId("genie-title")).ToHaveTextAsync(other.DisplayName);
            await browser.ScreenshotAsync("both-after-reload");
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    /// <summary>The block shows the space's name and every table (unfolding the list when it is long).</summary>
    private static async Task ExpectSpaceAsync(ILocator block, SpaceFacts space)
    {
        await Expect(block).ToHaveAttributeAsync("data-state", "ready");
        await Expect(block.GetByTestId("genie-title")).ToHaveTextAsync(space.DisplayName);
        await Browser.WaitUntilStillAsync(block);
        var tables = block.GetByRole(AriaRole.Region, new() { Name = "Tables" });
        var showAll = tables.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show all") });
        if (await showAll.CountAsync() > 0)
        {
            await showAll.ClickAsync();
        }
        await Expect(block.GetByTestId("genie-tables").GetByRole(AriaRole.Listitem)).ToHaveTextAsync(space.Tables.ToArray());
    }
}
