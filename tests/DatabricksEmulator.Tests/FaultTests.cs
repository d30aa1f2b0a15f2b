using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class FaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string OtherSpaceId = "01f0a7a327cd11978f2951f81a61bfdd";
    private static readonly string SalesRoom = "/api/2.0/data-rooms/" + EmulatorProcess.SalesSpaceId;

    [Fact]
    public async Task A_fault_for_one_space_answers_its_status_the_given_number_of_times_and_is_counted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.ResetAsync(cts.Token);
        var stored = await fixture.Emulator.InjectFaultAsync(
            new EmulatorFault { SpaceId = EmulatorProcess.SalesSpaceId, Status = 429, Times = 2, RetryAfter = "3" }, cts.Token);

        var first = await fixture.GetAsync(SalesRoom, cts.Token);
        var other = await fixture.GetAsync("/api/2.0/data-rooms/" + OtherSpaceId, cts.Token);
        var second = await fixture.GetAsync(SalesRoom, cts.Token);
        var third = await fixture.GetAsync(SalesRoom, cts.Token);
        var calls = await fixture.Emulator.CallsAsync(cts.Token);

        Assert.NotNull(stored.Id);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.Response.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", first.Body.GetProperty("error_code").GetString());
        Assert.Equal("3", first.Response.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, other.Response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.Response.StatusCode);
        Assert.Equal(4, calls.Total);
        Assert.Equal(3, calls.ForSpace(EmulatorProcess.SalesSpaceId));
        Assert.Equal(1, await fixture.Emulator.CallCountAsync(OtherSpaceId, cts.Token));
    }

    [Fact]
    public async Task A_fault_can_set_its_own_code_and_message_and_match_by_path_prefix_until_cleared()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault
        {
            PathPrefix = "/api/2.0/genie/", Status = 403, ErrorCode = "PERMISSION_DENIED", Message = "You need CAN VIEW on this space.",
        }, cts.Token);

        var list1 = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        var list2 = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        var room = await fixture.GetAsync(SalesRoom, cts.Token);
        await fixture.Emulator.ClearFaultsAsync(cts.Token);
        var afterClear = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);

        Assert.Equal(HttpStatusCode.Forbidden, list1.Response.StatusCode);
        Assert.Equal("You need CAN VIEW on this space.", list1.Body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, list2.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, room.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterClear.Response.StatusCode);
    }

    [Fact]
    public async Task A_delay_alone_makes_a_slow_success()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault { DelayMs = 800, Times = 1 }, cts.Token);

        var clock = Stopwatch.StartNew();
        var slow = await fixture.GetAsync(SalesRoom, cts.Token);
        var slowTook = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, slow.Response.StatusCode);
        Assert.True(slowTook >= TimeSpan.FromMilliseconds(700), $"took {slowTook}");
        Assert.Equal(EmulatorProcess.SalesSpaceId, slow.Body.GetProperty("space_id").GetString());
    }

    [Theory]
    [InlineData("""{"status": 99}""", "status 99")]
    [InlineData("""{"status": 503, "times": -1}""", "times")]
    [InlineData("""{"statuss": 503}""", "statuss")]
    [InlineData("""{"times": 1}""", "status")]
    [InlineData("""{"status": 503, "delay_ms": -5}""", "delay_ms")]
    [InlineData("not json", "JSON")]
    public async Task A_nonsense_fault_is_refused_with_problem_details_and_changes_nothing(string json, string mentioned)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.ResetAsync(cts.Token);

        using var response = await fixture.Http.PostAsync(
            "/_emulator/faults", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), cts.Token);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cts.Token);
        var after = await fixture.GetAsync(SalesRoom, cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.Response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_counted_and_a_fault_applies_exactly_its_times()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault { Status = 503, Times = 25 }, cts.Token);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            (await fixture.GetAsync(SalesRoom, cts.Token)).Response.StatusCode));
        var calls = await fixture.Emulator.CallsAsync(cts.Token);

        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(75, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(100, calls.Total);
        Assert.Equal(100, calls.ForPath(SalesRoom));
    }

    [Fact]
    public async Task Reset_clears_faults_and_counts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault { Status = 500 }, cts.Token);
        await fixture.GetAsync(SalesRoom, cts.Token);

        await fixture.Emulator.ResetAsync(cts.Token);
        var countAfterReset = await fixture.Emulator.CallCountAsync(cancellationToken: cts.Token);
        var after = await fixture.GetAsync(SalesRoom, cts.Token);

        Assert.Equal(0, countAfterReset);
        Assert.Equal(HttpStatusCode.OK, after.Response.StatusCode);
        Assert.Equal(1, await fixture.Emulator.CallCountAsync(EmulatorProcess.SalesSpaceId, cts.Token));
    }
}
