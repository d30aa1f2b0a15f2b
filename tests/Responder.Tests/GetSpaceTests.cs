namespace GenieCanvas.Responder.Tests;

[Collection(ResponderCollection.Name)]
public sealed class GetSpaceTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string PeopleAnalytics = "01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1";  // title, no display_name
    private const string CustomerSupport = "01f0e1f2a3b4c5d6e7f8a9b0c1d2e3f4";  // space_id, no id
    private const string Finance = "01f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4";  // fields unknown to genie_get

    [Fact]
    public async Task Get_returns_the_space_with_every_genie_get_field()
    {
        var reply = await Stack.Bus.GetAsync($$"""{"space_id":"{{Sales}}"}""", requestId: "req-happy-1");

        Assert.Equal(200, reply.Status);
        var space = reply.Json;
        Assert.Equal(Sales, space.GetProperty("id").GetString());
        Assert.Equal(Sales, space.GetProperty("space_id").GetString());
        Assert.Equal("Sales Analytics", space.GetProperty("display_name").GetString());
        Assert.StartsWith("Ask about revenue", space.GetProperty("description").GetString());
        Assert.Equal("4b9b953939869799", space.GetProperty("warehouse_id").GetString());
        Assert.Contains("main.sales.orders", space.GetProperty("table_identifiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("VIEWER", space.GetProperty("run_as_type").GetString());
        Assert.Equal(1741852800000, space.GetProperty("created_timestamp").GetInt64());
        Assert.Equal(1760005932000, space.GetProperty("last_updated_timestamp").GetInt64());
        Assert.Equal("4523817792016834", space.GetProperty("user_id").GetString());
        Assert.Equal("tree/3305411217283321", space.GetProperty("folder_node_internal_name").GetString());
        Assert.Equal(5, space.GetProperty("sample_questions").GetArrayLength());
        Assert.Equal("req-happy-1", reply.Header(GenieHeaders.RequestId));
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Sales));
    }

    [Fact]
    public async Task A_plain_text_id_is_accepted()
    {
        var reply = await Stack.Bus.GetAsync(Sales);

        Assert.Equal(200, reply.Status);
        Assert.Equal(Sales, reply.Json.GetProperty("space_id").GetString());
    }

    [Fact]
    public async Task A_json_string_id_is_accepted()
    {
        var reply = await Stack.Bus.GetAsync($"\"{Sales}\"");

        Assert.Equal(200, reply.Status);
        Assert.Equal(Sales, reply.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Display_name_is_filled_from_title_when_missing()
    {
        var reply = await Stack.Bus.GetSpaceAsync(PeopleAnalytics);

        Assert.Equal(200, reply.Status);
        Assert.Equal("People Analytics", reply.Json.GetProperty("display_name").GetString());
        Assert.Equal("People Analytics", reply.Json.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Id_is_filled_from_space_id_when_missing()
    {
        var reply = await Stack.Bus.GetSpaceAsync(CustomerSupport);

        Assert.Equal(200, reply.Status);
        Assert.Equal(CustomerSupport, reply.Json.GetProperty("id").GetString());
        Assert.Equal(CustomerSupport, reply.Json.GetProperty("space_id").GetString());
    }

    [Fact]
    public async Task Fields_unknown_to_genie_get_pass_through()
    {
        var reply = await Stack.Bus.GetSpaceAsync(Finance);

        Assert.Equal(200, reply.Status);
        Assert.True(reply.Json.TryGetProperty("external_metadata", out _));
        Assert.True(reply.Json.TryGetProperty("tags", out _));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "empty body", "" },
        { "whitespace only", "   " },
        { "invalid JSON", "{\"space_id\": " },
        { "JSON array", $"[\"{Sales}\"]" },
        { "missing id", "{}" },
        { "id of the wrong type", "{\"space_id\": 42}" },
        { "path traversal in JSON", "{\"space_id\": \"../x\"}" },
        { "path traversal as text", "../x" },
        { "spaces", "{\"space_id\": \"01f0 eca3\"}" },
        { "spaces as text", "01f0 eca3" },
        { "300 characters", $"{{\"space_id\": \"{new string('a', 300)}\"}}" },
        { "NUL escaped in JSON", "{\"space_id\": \"01f0\\u0000eca3\"}" },
        { "raw NUL as text", "01f0\0eca3" },
        { "slash", "{\"space_id\": \"a/b\"}" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_refused_with_400_and_never_reaches_databricks(string what, string body)
    {
        var reply = await Stack.Bus.GetAsync(body, requestId: "req-bad");

        Assert.True(400 == reply.Status, $"{what}: got {reply.Status} {reply.Text}");
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Equal(reply.ErrorText, reply.ErrorMessage);
        Assert.Equal("req-bad", reply.Json.GetProperty("error").GetProperty("request_id").GetString());
        Assert.Equal("req-bad", reply.Header(GenieHeaders.RequestId));
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task An_unknown_space_is_404_not_found()
    {
        var reply = await Stack.Bus.GetSpaceAsync("01f0ffffffffffffffffffffffffffff");

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
        Assert.Contains("not found, or no access for the configured identity", reply.ErrorText);
        Assert.Equal(1, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task Permission_denied_is_404_not_found_too()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Sales, Status = 403, ErrorCode = "PERMISSION_DENIED", Message = "User does not have access." });

        var reply = await Stack.Bus.GetSpaceAsync(Sales);

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
        Assert.Contains("no access for the configured identity", reply.ErrorText);
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Sales));
    }

    [Fact]
    public async Task A_400_from_databricks_is_not_retried_and_says_databricks_refused_it()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Sales, Status = 400, ErrorCode = "INVALID_PARAMETER_VALUE", Message = "Bad id." });

        var reply = await Stack.Bus.GetSpaceAsync(Sales);

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Contains("Databricks refused", reply.ErrorText);
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Sales));
    }

    [Fact]
    public async Task Each_request_is_logged_on_one_line_with_id_space_outcome_and_upstream_status_but_no_token()
    {
        var requestId = "req-log-" + Guid.NewGuid().ToString("N")[..8];
        await Stack.Bus.GetAsync(Sales, requestId);

        // The responder writes its line after the reply is sent: wait for it.
        var line = await Eventually.ValueAsync(
            () => Stack.Responder.Process.Output.Split('\n').SingleOrDefault(l => l.Contains("Handled genie.get request " + requestId, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), () => "no line for " + requestId + ":\n" + Stack.Responder.Process.Output);
        Assert.Single(Stack.Responder.Process.Output.Split('\n'), l => l.Contains(requestId, StringComparison.Ordinal));
        Assert.Contains("genie.get", line);
        Assert.Contains(Sales, line);
        Assert.Contains("200 OK", line);
        Assert.Contains("upstream 200", line);
        Assert.Matches(@"\d+\.\d ms", line);
        Assert.DoesNotContain(Stack.Emulator.Token, Stack.ResponderOutput);
    }
}
