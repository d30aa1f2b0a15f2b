namespace GenieCanvas.Responder.Tests;

[Collection(ResponderCollection.Name)]
public sealed class ListSpacesTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    [Fact]
    public async Task List_returns_spaces_with_id_title_description_and_warehouse()
    {
        var reply = await Stack.Bus.RequestAsync(GenieSubjects.List, "{}"u8.ToArray());

        Assert.Equal(200, reply.Status);
        var spaces = reply.Json.GetProperty("spaces").EnumerateArray().ToList();
        var sales = Assert.Single(spaces, s => s.GetProperty("space_id").GetString() == EmulatorProcess.SalesSpaceId);
        Assert.Equal("Sales Analytics", sales.GetProperty("title").GetString());
        Assert.True(sales.TryGetProperty("description", out _));
        Assert.True(sales.TryGetProperty("warehouse_id", out _));
    }

    [Fact]
    public async Task An_empty_body_lists_too()
    {
        var reply = await Stack.Bus.RequestAsync(GenieSubjects.List, []);

        Assert.Equal(200, reply.Status);
        Assert.True(reply.Json.GetProperty("spaces").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Paging_walks_every_space_exactly_once()
    {
        var all = (await Stack.Bus.RequestAsync(GenieSubjects.List, "{\"page_size\": 200}"u8.ToArray()))
            .Json.GetProperty("spaces").EnumerateArray().Select(s => s.GetProperty("space_id").GetString()).ToList();

        var seen = new List<string?>();
        string? token = null;
        for (var page = 0; page < 20; page++)
        {
            var body = token is null ? "{\"page_size\": 3}" : JsonSerializer.Serialize(new { page_size = 3, page_token = token });
            var reply = await Stack.Bus.RequestAsync(GenieSubjects.List, Encoding.UTF8.GetBytes(body));
            Assert.Equal(200, reply.Status);
            var spaces = reply.Json.GetProperty("spaces");
            Assert.True(spaces.GetArrayLength() <= 3);
            seen.AddRange(spaces.EnumerateArray().Select(s => s.GetProperty("space_id").GetString()));
            token = reply.Json.TryGetProperty("next_page_token", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        Assert.True(all.Count > 3);
        Assert.Equal(all, seen);
    }

    [Theory]
    [InlineData("{\"page_size\": 0}")]
    [InlineData("{\"page_size\": 201}")]
    [InlineData("{\"page_size\": \"ten\"}")]
    [InlineData("{\"page_size\": 2.5}")]
    [InlineData("{\"page_token\": \"a b\"}")]
    [InlineData("{\"page_token\": \"x\\u0000y\"}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("{\"page_size\": ")]
    public async Task Bad_list_requests_are_400_and_never_reach_databricks(string body)
    {
        var reply = await Stack.Bus.RequestAsync(GenieSubjects.List, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task A_page_token_longer_than_allowed_is_400()
    {
        var body = JsonSerializer.Serialize(new { page_token = new string('a', ListSpacesRequest.MaxPageTokenLength + 1) });

        var reply = await Stack.Bus.RequestAsync(GenieSubjects.List, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, reply.Status);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }
}
