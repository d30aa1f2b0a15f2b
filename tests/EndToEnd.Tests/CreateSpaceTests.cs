using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Issue 11 as a user does it, in a real Chromium against the real stack: from a Genie block open the picker, "New
/// space", browse Unity Catalog for tables, pick a warehouse, create; a refusal is shown in the form with everything
/// kept; then the block shows the new space.
/// </summary>
public sealed class CreateSpaceTests
{
    static CreateSpaceTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task A_space_created_by_browsing_warehouse_and_tables_shows_on_the_block()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(A_space_created_by_browsing_warehouse_and_tables_shows_on_the_block)).WaitAsync(cts.Token);
        var page = browser.Page;
        try
        {
            await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");
            await page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true })
                .DragToAsync(page.GetByTestId("canvas"), new() { TargetPosition = new() { X = 320, Y = 80 } });
            var block = page.GetByTestId("genie-node").Nth(0);
            await Expect(block).ToHaveAttributeAsync("data-state", "ready");
            await Browser.WaitUntilStillAsync(block);

            // Picker → New space: the form opens with the title focused.
            var choose = block.GetByRole(AriaRole.Button, new() { Name = "Choose space", Exact = true });
            await choose.ClickAsync();
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a Genie space" });
            await picker.GetByRole(AriaRole.Button, new() { Name = "New space", Exact = true }).ClickAsync();
            var form = page.GetByRole(AriaRole.Dialog, new() { Name = "New Genie space" });
            await Expect(form).ToBeVisibleAsync();
            await Expect(picker).ToBeHiddenAsync();
            var title = form.GetByLabel("Title", new() { Exact = true });
            await Expect(title).ToBeFocusedAsync();
            var warehouse = form.GetByLabel("SQL warehouse");
            await Expect(warehouse).ToHaveValueAsync("4b9b953939869799"); // the first running one
            await Expect(warehouse.Locator("option[value='1a2b3c4d5e6f7a8b']")).ToHaveTextAsync("Marketing Warehouse — starting · X-Small");

            // Checked before sending: nothing goes to the server.
            var posts = 0;
            page.Request += (_, r) => posts += r.Method == "POST" && r.Url.Contains("/api/genie/spaces", StringComparison.Ordinal) ? 1 : 0;
            await form.GetByRole(AriaRole.Button, new() { Name = "Create space" }).ClickAsync();
            await Expect(form.GetByText("Give the space a title.")).ToBeVisibleAsync();
            await Expect(title).ToBeFocusedAsync();
            Assert.Equal(0, posts);

            // Fill it in by browsing: warehouse, catalog main, schema sales, search, two tables as chips, a question.
            await title.FillAsync("Returns desk");
            await form.GetByLabel("Description (optional)").FillAsync("Returns and regions for the returns team.");
            await warehouse.SelectOptionAsync("abc123def4567890");
            await form.GetByLabel("Catalog", new() { Exact = true }).SelectOptionAsync("main");
            await form.GetByLabel("Schema", new() { Exact = true }).SelectOptionAsync("sales");
            var search = form.GetByRole(AriaRole.Searchbox, new() { Name = "Search tables" });
            await search.FillAsync("ret");
            await Expect(form.GetByTestId("table-option")).ToHaveCountAsync(1);
            await form.Locator("[data-table='main.sales.returns'] input").CheckAsync();
            await search.FillAsync("");
            await Expect(form.GetByTestId("table-option")).ToHaveCountAsync(6);
            await form.Locator("[data-table='main.sales.regions'] input").CheckAsync();
            await Expect(form.GetByTestId("table-chip")).ToHaveTextAsync(["main.sales.returns×", "main.sales.regions×"]);
            await form.GetByLabel("Sample question 1").FillAsync("Which region has the highest return rate?");
            await browser.ScreenshotAsync("create-form-filled");

            // Databricks refuses once (no permission): the form says why and keeps everything.
            await stack.Emulator.InjectFaultAsync(new EmulatorFault
            {
                PathPrefix = "/api/2.0/genie/spaces", Method = "POST", Status = 403, ErrorCode = "PERMISSION_DENIED",
                Message = "User does not have CAN USE on warehouse abc123def4567890.", Times = 1,
            }, cts.Token);
            await form.GetByRole(AriaRole.Button, new() { Name = "Create space" }).ClickAsync();
            var refused = form.GetByTestId("create-error");
            await Expect(refused).ToContainTextAsync("CAN USE on warehouse");
            await Expect(refused).ToHaveAttributeAsync("data-code", "PERMISSION_DENIED");
            await Expect(title).ToHaveValueAsync("Returns desk");
            await Expect(warehouse).ToHaveValueAsync("abc123def4567890");
            await Expect(form.GetByTestId("table-chip")).ToHaveCountAsync(2);
            await Expect(form.GetByLabel("Sample question 1")).ToHaveValueAsync("Which region has the highest return rate?");
            await browser.ScreenshotAsync("create-refused");

            // Again: created; the form closes, the block shows the new space, focus is back on "Choose space".
            var created = await page.RunAndWaitForResponseAsync(
                () => form.GetByRole(AriaRole.Button, new() { Name = "Create space" }).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains("/api/genie/spaces", StringComparison.Ordinal));
            Assert.Equal(201, created.Status);
            await Expect(form).ToBeHiddenAsync();
            await Expect(block).ToHaveAttributeAsync("data-space-id", new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
            Assert.NotEqual(EmulatorProcess.SalesSpaceId, await block.GetAttributeAsync("data-space-id"));
            await Expect(block.GetByTestId("genie-title")).ToHaveTextAsync("Returns desk");
            await Expect(block.GetByTestId("genie-tables")).ToContainTextAsync("main.sales.returns");
            await Expect(choose).ToBeFocusedAsync();
            await browser.ScreenshotAsync("created-on-block");

            // The space is in the workspace: the picker lists it.
            await choose.ClickAsync();
            await Expect(picker.Locator($"[data-testid=space-option][data-space-id='{await block.GetAttributeAsync("data-space-id")}']")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(picker).ToBeHiddenAsync();

            // The form at a smaller window.
            await page.SetViewportSizeAsync(1024, 700);
            await choose.ClickAsync();
            await picker.GetByRole(AriaRole.Button, new() { Name = "New space", Exact = true }).ClickAsync();
            await form.GetByLabel("Catalog", new() { Exact = true }).SelectOptionAsync("main");
            await form.GetByLabel("Schema", new() { Exact = true }).SelectOptionAsync("sales");
            await Expect(form.GetByTestId("table-option")).ToHaveCountAsync(6);
            await browser.ScreenshotAsync("create-form-1024x700");
            await page.Keyboard.PressAsync("Escape");
            await Expect(form).ToBeHiddenAsync();
            await Expect(choose).ToBeFocusedAsync();
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }
}
