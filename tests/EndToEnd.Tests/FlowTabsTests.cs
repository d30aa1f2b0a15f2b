using System.Text.Json;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Flows kept on the server (JetStream), as a user meets them in Chromium: a reload resumes the saved flow without a
/// conflict; a flow open in two tabs of one browser gives the tab that saves second the conflict, never an overwrite,
/// and "Keep mine as a copy" keeps both.
/// </summary>
public sealed class FlowTabsTests
{
    private const string FlowName = "Untitled flow";

    static FlowTabsTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task A_reload_resumes_the_saved_flow_and_of_two_tabs_the_second_to_save_gets_the_conflict_and_keeps_its_work_as_a_copy()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync(jetStream: true).WaitAsync(cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(A_reload_resumes_the_saved_flow_and_of_two_tabs_the_second_to_save_gets_the_conflict_and_keeps_its_work_as_a_copy)).WaitAsync(cts.Token);
        var tabA = browser.Page;
        IPage? tabB = null;
        try
        {
            await tabA.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await tabA.GetByRole(AriaRole.Button, new() { Name = "Note block", Exact = true }).ClickAsync();
            await NoteText(tabA).FillAsync("first draft");
            await Expect(tabA.GetByTestId("save-state")).ToHaveTextAsync("Saved");
            var saved = await RevisionAsync(stack, FlowName, cts.Token);

            // A reload finds the flow as saved: no conflict, and nothing written again.
            await tabA.ReloadAsync();
            await Expect(NoteText(tabA)).ToHaveValueAsync("first draft");
            await Expect(tabA.GetByTestId("save-state")).ToHaveTextAsync("Saved");
            await Expect(tabA.GetByTestId("conflict-dialog")).ToHaveCountAsync(0);
            await tabA.WaitForTimeoutAsync(2_000); // longer than the autosave's 1 s: a needless save would have landed
            Assert.Equal(saved, await RevisionAsync(stack, FlowName, cts.Token));
            await Expect(tabA.GetByTestId("save-state")).ToHaveTextAsync("Saved");

            // A second tab on the same browser storage opens the same flow, and saves a change first.
            tabB = await browser.Context.NewPageAsync();
            await tabB.GotoAsync(stack.Bridge.BaseUrl.ToString());
            await Expect(NoteText(tabB)).ToHaveValueAsync("first draft");
            await Expect(tabB.GetByTestId("save-state")).ToHaveTextAsync("Saved");
            await NoteText(tabB).FillAsync("tab B's words");
            await Expect(tabB.GetByTestId("save-state")).ToHaveTextAsync("Saved");
            Assert.Equal("tab B's words", await NoteOnServerAsync(stack, FlowName, cts.Token));

            // The first tab, still on the older revision, changes the note: its save is refused, and it says so.
            await NoteText(tabA).FillAsync("tab A's words");
            await Expect(tabA.GetByTestId("save-state")).ToHaveTextAsync("Conflict");
            var dialog = tabA.GetByTestId("conflict-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await browser.ScreenshotAsync("conflict");
            Assert.Equal("tab B's words", await NoteOnServerAsync(stack, FlowName, cts.Token));

            // Keep mine as a copy: tab A's work is saved under a new name; tab B's flow is untouched.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep mine as a copy" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(tabA.GetByTestId("flow-name")).ToHaveTextAsync($"{FlowName} copy");
            await Expect(tabA.GetByTestId("save-state")).ToHaveTextAsync("Saved");
            Assert.Equal("tab A's words", await NoteOnServerAsync(stack, $"{FlowName} copy", cts.Token));
            Assert.Equal("tab B's words", await NoteOnServerAsync(stack, FlowName, cts.Token));
        }
        catch
        {
            await browser.ScreenshotAsync("failure");
            throw;
        }
    }

    private static ILocator NoteText(IPage page) =>
        page.GetByTestId("note-node").GetByRole(AriaRole.Textbox, new() { Name = "Note text" });

    private static async Task<string?> RevisionAsync(GenieStack stack, string name, CancellationToken cancellationToken)
    {
        using var response = await stack.Bridge.Client.GetAsync($"/api/flows/{Uri.EscapeDataString(name)}", cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return response.Headers.ETag?.Tag;
    }

    private static async Task<string?> NoteOnServerAsync(GenieStack stack, string name, CancellationToken cancellationToken)
    {
        using var response = await stack.Bridge.Client.GetAsync($"/api/flows/{Uri.EscapeDataString(name)}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("type").GetString() == "note").GetProperty("data").GetProperty("text").GetString();
    }
}
