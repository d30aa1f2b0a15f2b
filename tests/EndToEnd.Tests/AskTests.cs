using System.Net;
using GenieCanvas.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>Ask Genie from the block, as a user does, in a real Chromium against the real stack and the emulated Genie.</summary>
public sealed class AskTests
{
    private const string FirstQuestion = "What was total revenue last quarter by region?";
    private const string FollowUp = "What is the average order value by sales channel?";

    static AskTests() => SetDefaultExpectTimeout(Browser.ActionTimeoutMs);

    [Fact]
    public async Task A_sample_question_shows_live_status_then_the_table_and_SQL_a_follow_up_continues_it_survives_reload_and_a_stopped_responder_is_a_clear_error()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var stack = await CanvasStack.StartAsync().WaitAsync(cts.Token);
        await stack.Emulator.WarmUpGenieAsync(cts.Token);
        await using var browser = await Browser.LaunchAsync(nameof(A_sample_question_shows_live_status_then_the_table_and_SQL_a_follow_up_continues_it_survives_reload_and_a_stopped_responder_is_a_clear_error)).WaitAsync(cts.Token);
        var page = browser.Page;
        await page.GotoAsync(stack.Bridge.BaseUrl.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Genie block", Exact = true })
            .DragToAsync(page.GetByTestId("canvas"), new() { TargetPosition = new() { X = 320, Y = 80 } });
        var block = page.GetByTestId("genie-node").Nth(0);
        await Expect(block.GetByTestId("genie-title")).ToBeVisibleAsync();
        await Browser.WaitUntilStillAsync(block);

        // A note right below the block (on a tall window, so there is room for it in view).
        await page.SetViewportSizeAsync(1400, 1600);
        await Browser.WaitUntilStillAsync(block);
        var canvas = page.GetByTestId("canvas");
        var (canvasBox, blockBox) = ((await canvas.BoundingBoxAsync())!, (await block.BoundingBoxAsync())!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Note block", Exact = true }).DragToAsync(canvas, new()
        {
            TargetPosition = new() { X = blockBox.X + (blockBox.Width / 2) - canvasBox.X, Y = blockBox.Y + blockBox.Height + 100 - canvasBox.Y },
        });
        var note = page.GetByTestId("note-node");
        await Browser.WaitUntilStillAsync(note);
        // Dropped, it lands clear of the block's full size; the user then drags it up close under the block.
        var dropped = (await note.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(dropped.X + (dropped.Width / 2), dropped.Y + 10);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(dropped.X + (dropped.Width / 2), blockBox.Y + blockBox.Height + 30, new() { Steps = 10 });
        await page.Mouse.UpAsync();
        await Browser.WaitUntilStillAsync(note);
        var (noteBefore, blockBefore) = ((await note.BoundingBoxAsync())!, (await block.BoundingBoxAsync())!);
        Assert.True(noteBefore.Y > blockBefore.Y + blockBefore.Height && noteBefore.Y < blockBefore.Y + blockBefore.Height + 60
                && noteBefore.X < blockBefore.X + blockBefore.Width,
            $"the note [{noteBefore.X}, {noteBefore.Y}] should be right below the block [{blockBefore.X}, {blockBefore.Y}, {blockBefore.Width} x {blockBefore.Height}]");

        // A sample question is a button that asks: the live status in words, then the answer with its table and SQL.
        await block.GetByRole(AriaRole.Button, new() { Name = FirstQuestion, Exact = true }).ClickAsync();
        await Expect(block.GetByTestId("ask-status")).ToBeVisibleAsync();
        await Expect(block.GetByTestId("ask-status").GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeVisibleAsync();
        var table = block.GetByRole(AriaRole.Table);
        await Expect(table).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(table).ToContainTextAsync("North America");
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "revenue" })).ToHaveCSSAsync("text-align", "right");
        await Expect(block.GetByText("4 of 4 rows")).ToBeVisibleAsync();

        // The block grew down with its answer (its header stays put), and the note moved out of its way: nothing is covered.
        await Browser.WaitUntilStillAsync(block);
        var (blockAfter, noteAfter) = ((await block.BoundingBoxAsync())!, (await note.BoundingBoxAsync())!);
        Assert.True(blockAfter.Height > blockBefore.Height + 100, $"the block should have grown with the answer ({blockBefore.Height} -> {blockAfter.Height} px)");
        Assert.True(noteAfter.Y > noteBefore.Y, $"the note should have moved down ({noteBefore.Y} -> {noteAfter.Y})");
        Assert.True(Math.Abs(blockAfter.Y - blockBefore.Y) < 2, $"the block's top should have stayed in place ({blockBefore.Y} -> {blockAfter.Y})");
        await Browser.ExpectNoOverlapAsync(page);
        await block.GetByText("SQL: Revenue by region, Q3 2026").ClickAsync();
        await Expect(block.Locator("pre code")).ToContainTextAsync("SUM(o.total_amount)");

        await Browser.ExpectNoOverlapAsync(page); // the SQL shown made it grow again
        await browser.ScreenshotAsync("ask-answer-note-moved-1400x1600");
        await page.SetViewportSizeAsync(1400, 900);
        await browser.ScreenshotAsync("ask-answer-1400x900");

        // A follow-up button continues the conversation.
        await block.GetByRole(AriaRole.Button, new() { Name = FollowUp, Exact = true }).ClickAsync();
        await Expect(block.GetByTestId("answer")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(block.GetByRole(AriaRole.Table).Nth(1)).ToContainTextAsync("Online");

        // Kept in the flow: after a reload the conversation is still there.
        await page.WaitForTimeoutAsync(1500);
        await page.ReloadAsync();
        var reloaded = page.GetByTestId("genie-node").Nth(0);
        await Expect(reloaded.GetByTestId("answer")).ToHaveCountAsync(2);
        await Expect(reloaded.GetByRole(AriaRole.Table).Nth(0)).ToContainTextAsync("North America");
        await page.SetViewportSizeAsync(1024, 700);
        await browser.ScreenshotAsync("ask-after-reload-1024x700");
        await page.SetViewportSizeAsync(1400, 900);

        // No responder: asking says so in plain words, with Retry.
        await stack.StopRespondersAsync().WaitAsync(cts.Token);
        await stack.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable).WaitAsync(cts.Token);
        var box = reloaded.GetByRole(AriaRole.Textbox, new() { Name = "Ask Genie" });
        await box.FillAsync("Which region has the highest return rate?");
        await box.PressAsync("Enter");
        var error = reloaded.GetByTestId("ask-error");
        await Expect(error).ToContainTextAsync("Genie service unavailable");
        await Expect(error.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("ask-responder-stopped");
    }
}
