using System.Net.Http.Json;
using System.Text.Json;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Agent Bricks on the canvas, as a user does it in a real Chromium against the real stack (emulator in demo mode):
/// two Genie blocks drawn into a Supervisor, deploy, change one connection's routing description, redeploy, and the
/// supervisor's tools in Databricks follow; a note into a Supervisor is refused with a hint.
/// </summary>
public sealed class SupervisorTests
{
    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string Supply = "01f0a7a327cd11978f2951f81a61bfdd";

    static SupervisorTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(1024, 700)]
    public async Task Two_Genie_blocks_into_a_Supervisor_deploy_and_the_tools_follow_a_changed_connection(int width, int height)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        await using var browser = await Browser.LaunchAsync($"supervisor-{width}x{height}", width, height).WaitAsync(cts.Token);
        var page = browser.Page;
        try
        {
            await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await Expect(page.GetByTestId("status-badge")).ToHaveAttributeAsync("data-state", "ready");
            var canvas = page.GetByTestId("canvas");
            var genie = page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true });
            var blocks = page.GetByTestId("genie-node");

            // Two Genie blocks (Sales by default, then Supply chosen in the picker) and a Supervisor.
            await genie.DragToAsync(canvas, new() { TargetPosition = new() { X = 200, Y = 120 } });
            await Expect(blocks.Nth(0)).ToHaveAttributeAsync("data-state", "ready");
            await genie.DragToAsync(canvas, new() { TargetPosition = new() { X = 200, Y = 500 } });
            await Expect(blocks).ToHaveCountAsync(2);
            await blocks.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Choose space", Exact = true }).ClickAsync();
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a Genie space" });
            await picker.Locator($"[data-testid=space-option][data-space-id='{Supply}']").ClickAsync();
            await Expect(blocks.Nth(1)).ToHaveAttributeAsync("data-state", "ready");
            await page.GetByRole(AriaRole.Button, new() { Name = "Supervisor block", Exact = true })
                .DragToAsync(canvas, new() { TargetPosition = new() { X = width - 500, Y = 200 } });
            var supervisor = page.GetByTestId("supervisor-node");
            await Expect(supervisor).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit View" }).ClickAsync();

            // A note cannot feed a Supervisor: the drop is refused, with a hint.
            await page.GetByRole(AriaRole.Button, new() { Name = "Note block", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("note-node")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit View" }).ClickAsync();
            var input = supervisor.Locator(".react-flow__handle-left");
            await page.GetByTestId("note-node").Locator(".react-flow__handle-right").DragToAsync(input);
            await Expect(page.GetByTestId("canvas-notice")).ToContainTextAsync("Only a Genie block can feed a Supervisor");
            await Expect(supervisor.GetByTestId("supervisor-agent")).ToHaveCountAsync(0);
            // Read, and dismissed (an error notice stays until then, over whatever is at the top of the canvas).
            await page.GetByTestId("canvas-notice").GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
            await Expect(page.GetByTestId("canvas-notice")).ToHaveCountAsync(0);

            // Draw both Genie blocks into the Supervisor; each connection defaults to its space's description.
            await blocks.Nth(0).Locator(".react-flow__handle-right").DragToAsync(input);
            await blocks.Nth(1).Locator(".react-flow__handle-right").DragToAsync(input);
            var agents = supervisor.GetByTestId("supervisor-agent");
            await Expect(agents).ToHaveCountAsync(2);
            var name = "Business questions " + Guid.NewGuid().ToString("N")[..8];
            await supervisor.GetByLabel("Name").FillAsync(name);
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Not deployed");
            await browser.ScreenshotAsync("composed");

            // Deploy: the endpoint and one tool per space; "Deployed".
            await supervisor.GetByTestId("supervisor-deploy").DispatchEventAsync("click"); // a grown neighbour may cover it on a small window
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Deployed");
            await Expect(supervisor.GetByTestId("supervisor-endpoint")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^mas-"));
            await Expect(supervisor.GetByTestId("supervisor-tool")).ToHaveCountAsync(2);
            var id = await SupervisorIdAsync(page);
            var tools = await ToolsAsync(stack, id, cts.Token);
            Assert.Equal(new[] { Sales, Supply }.Order(), tools.Keys.Order());
            await browser.ScreenshotAsync("deployed");

            // Change one connection: the routing description of Supply. The block says so; redeploy; Databricks follows.
            var supplyAgent = supervisor.Locator($"[data-testid=supervisor-agent][data-space-id='{Supply}'] textarea");
            await supplyAgent.FillAsync("Shipments, suppliers and stock levels");
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Changed since deploy");
            await browser.ScreenshotAsync("changed");
            await supervisor.GetByTestId("supervisor-deploy").DispatchEventAsync("click"); // a grown neighbour may cover it on a small window
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Deployed");
            await Expect(supervisor.Locator($"[data-testid=supervisor-tool][data-space-id='{Supply}']")).ToContainTextAsync("Shipments, suppliers and stock levels");
            tools = await ToolsAsync(stack, id, cts.Token);
            Assert.Equal("Shipments, suppliers and stock levels", tools[Supply]);
            Assert.Equal(id, await SupervisorIdAsync(page)); // updated, not created again

            // Remove the Sales block (and so its connection) with its toolbar, redeploy: its tool goes too.
            await blocks.Nth(0).GetByTestId("genie-space-id").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(agents).ToHaveCountAsync(1);
            await supervisor.GetByTestId("supervisor-deploy").DispatchEventAsync("click"); // a grown neighbour may cover it on a small window
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Deployed");
            await Expect(supervisor.GetByTestId("supervisor-tool")).ToHaveCountAsync(1);
            Assert.Single(await ToolsAsync(stack, id, cts.Token));
            await browser.ScreenshotAsync("redeployed");

            // The id is kept in the flow: after a reload the block is still "Deployed".
            await page.ReloadAsync();
            await Expect(supervisor.GetByTestId("supervisor-state")).ToHaveTextAsync("Deployed");
            Assert.Equal(id, await SupervisorIdAsync(page));
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    /// <summary>The supervisor id the block keeps (in the saved canvas in localStorage).</summary>
    private static async Task<string> SupervisorIdAsync(IPage page)
    {
        string? id = null;
        for (var i = 0; i < 20 && id is null; i++)
        {
            id = await page.EvaluateAsync<string?>(
                "() => { for (const k of Object.keys(localStorage)) { const m = /\"supervisorAgentId\":\"([^\"]+)\"/.exec(localStorage.getItem(k) ?? ''); if (m) return m[1]; } return null; }");
            if (id is null) await Task.Delay(200);
        }
        return id ?? throw new InvalidOperationException("No supervisor id in the saved canvas.");
    }

    /// <summary>The supervisor's tools read back through the bridge (GET /api/agents/supervisors/{id}): space → description.</summary>
    private static async Task<Dictionary<string, string>> ToolsAsync(GenieStack stack, string id, CancellationToken cancellationToken)
    {
        var reply = await stack.Bridge.Client.GetFromJsonAsync<JsonElement>($"/api/agents/supervisors/{id}", cancellationToken);
        return reply.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("space_id").GetString()!, t => t.GetProperty("description").GetString()!);
    }
}
