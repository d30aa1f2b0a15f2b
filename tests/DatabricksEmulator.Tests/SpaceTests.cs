using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class SpaceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_sales_data_room_carries_the_GenieSpaceDict_fields()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, room) = await fixture.GetAsync("/api/2.0/data-rooms/" + EmulatorProcess.SalesSpaceId, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatorProcess.SalesSpaceId, room.GetProperty("id").GetString());
        Assert.Equal(EmulatorProcess.SalesSpaceId, room.GetProperty("space_id").GetString());
        Assert.Equal("Sales Analytics", room.GetProperty("display_name").GetString());
        Assert.True(room.GetProperty("table_identifiers").GetArrayLength() >= 3);
        Assert.True(room.GetProperty("sample_questions").GetArrayLength() >= 3);
        Assert.Equal(JsonValueKind.Number, room.GetProperty("created_timestamp").ValueKind);
        Assert.True(room.GetProperty("last_updated_timestamp").GetInt64() > 1_600_000_000_000, "timestamps are epoch milliseconds");
    }

    [Fact]
    public async Task An_unknown_space_answers_404_RESOURCE_DOES_NOT_EXIST_with_the_workspace_message()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync("/api/2.0/data-rooms/01f0000000000000000000000000dead", cts.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", body.GetProperty("error_code").GetString());
        Assert.Equal(
            "Unable to get space [01f0000000000000000000000000dead]. Caused by Node with resource name Some(datarooms/01f0000000000000000000000000dead) does not exist.",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Listing_five_at_a_time_visits_every_space_once_and_the_last_page_has_no_token()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var path = "/api/2.0/genie/spaces?page_size=5" + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token));
            var (response, page) = await fixture.GetAsync(path, cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var spaces = page.GetProperty("spaces").EnumerateArray().ToList();
            Assert.InRange(spaces.Count, 1, 5);
            Assert.All(spaces, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("title").GetString())));
            seen.AddRange(spaces.Select(s => s.GetProperty("space_id").GetString()!));
            token = page.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 20);

        var (_, all) = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        Assert.True(pages >= 2, "the fixture must be big enough for page_size=5 to page");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(all.GetProperty("spaces").EnumerateArray().Select(s => s.GetProperty("space_id").GetString()), seen);
        Assert.False(all.TryGetProperty("next_page_token", out _));
        Assert.Contains(EmulatorProcess.SalesSpaceId, seen);
    }

    [Theory]
    [InlineData("page_size=-1")]
    [InlineData("page_size=abc")]
    [InlineData("page_size=100000")]
    [InlineData("page_token=not-a-token")]
    public async Task Nonsense_paging_parameters_get_400_INVALID_PARAMETER_VALUE(string query)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync("/api/2.0/genie/spaces?" + query, cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task A_genie_space_carries_serialized_space_version_2_only_when_asked()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var path = "/api/2.0/genie/spaces/" + EmulatorProcess.SalesSpaceId;
        var (_, plain) = await fixture.GetAsync(path, cts.Token);
        var (response, full) = await fixture.GetAsync(path + "?include_serialized_space=true", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sales Analytics", plain.GetProperty("title").GetString());
        Assert.True(DateTimeOffset.TryParse(plain.GetProperty("update_time").GetString(), out _));
        Assert.False(plain.TryGetProperty("serialized_space", out _));
        using var serialized = JsonDocument.Parse(full.GetProperty("serialized_space").GetString()!);
        Assert.Equal(2, serialized.RootElement.GetProperty("version").GetInt32());
        Assert.True(serialized.RootElement.GetProperty("config").GetProperty("sample_questions").GetArrayLength() >= 3);
        Assert.Contains(
            serialized.RootElement.GetProperty("data_sources").GetProperty("tables").EnumerateArray(),
            t => t.GetProperty("identifier").GetString() == "main.sales.orders");
    }

    [Fact]
    public async Task The_fixture_holds_the_oddities_the_responder_must_normalize()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (_, list) = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        var rooms = new List<JsonElement>();
        foreach (var space in list.GetProperty("spaces").EnumerateArray())
        {
            rooms.Add((await fixture.GetAsync("/api/2.0/data-rooms/" + space.GetProperty("space_id").GetString(), cts.Token)).Body);
        }

        Assert.Contains(rooms, r => !r.TryGetProperty("display_name", out _) && r.TryGetProperty("title", out _));
        Assert.Contains(rooms, r => !r.TryGetProperty("id", out _));
        Assert.Contains(rooms, r => r.TryGetProperty("external_metadata", out _));
    }
}
