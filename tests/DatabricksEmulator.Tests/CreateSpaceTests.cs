using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;
using static GenieCanvas.DatabricksEmulator.Tests.GenieAsk;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class CreateSpaceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Warehouse = "4b9b953939869799";
    private const string ExampleQuestion = "How many orders came through each channel?";

    private static string Serialized(params string[] tables) => JsonSerializer.Serialize(new
    {
        version = 2,
        config = new { sample_questions = new[] { new { id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9", question = new[] { "What was total revenue last quarter by region?" } } } },
        data_sources = new { tables = tables.Select(t => new { identifier = t, description = new[] { "Table " + t } }) },
        instructions = new
        {
            text_instructions = new[] { new { id = "1a1b2c3d4e5f60718293a4b5c6d7e8f9", content = new[] { "Revenue means order totals." } } },
            example_question_sqls = new[]
            {
                new { id = "2a1b2c3d4e5f60718293a4b5c6d7e8f9", question = new[] { ExampleQuestion },
                      sql = new[] { "SELECT channel, COUNT(*) AS orders\n", "FROM main.sales.orders GROUP BY channel ORDER BY channel" } },
            },
        },
    });

    private Task<(HttpResponseMessage Response, JsonElement Body)> CreateAsync(object body, CancellationToken ct) =>
        fixture.PostAsync("/api/2.0/genie/spaces", body, ct);

    [Fact]
    public async Task A_created_space_appears_in_list_and_both_gets_and_answers_questions_from_its_tables()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.SetGenieStepAsync(5, cts.Token);
        var serialized = Serialized("main.sales.customers", "main.sales.orders", "main.sales.regions");

        var (created, space) = await CreateAsync(new
        {
            warehouse_id = Warehouse, serialized_space = serialized, title = "Orders by region", description = "Created by a test",
            parent_path = "/Workspace/Users/test@example.com",
        }, cts.Token);
        var spaceId = space.GetProperty("space_id").GetString()!;
        var (_, list) = await fixture.GetAsync("/api/2.0/genie/spaces?page_size=1000", cts.Token);
        var (_, got) = await fixture.GetAsync(Space(spaceId) + "?include_serialized_space=true", cts.Token);
        var (roomResponse, room) = await fixture.GetAsync("/api/2.0/data-rooms/" + spaceId, cts.Token);
        var sample = await AskAsync(fixture, spaceId, "What was total revenue last quarter by region?", cts.Token);
        var example = await AskAsync(fixture, spaceId, ExampleQuestion, cts.Token);
        var notItsTables = await AskAsync(fixture, spaceId, "Which SKUs are below safety stock today?", cts.Token);
        var (_, exampleResult) = await fixture.GetAsync(QueryResultPath(example), cts.Token);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", spaceId);
        Assert.Equal("Orders by region", space.GetProperty("title").GetString());
        Assert.Equal("Created by a test", space.GetProperty("description").GetString());
        Assert.Equal(Warehouse, space.GetProperty("warehouse_id").GetString());
        Assert.Equal("/Workspace/Users/test@example.com", space.GetProperty("parent_path").GetString());
        Assert.False(string.IsNullOrEmpty(space.GetProperty("etag").GetString()));
        Assert.True(DateTimeOffset.TryParse(space.GetProperty("create_time").GetString(), out _));
        Assert.Contains(list.GetProperty("spaces").EnumerateArray(), s => s.GetProperty("space_id").GetString() == spaceId);
        Assert.Equal(serialized, got.GetProperty("serialized_space").GetString());
        Assert.Equal(HttpStatusCode.OK, roomResponse.StatusCode);
        Assert.Equal("Orders by region", room.GetProperty("display_name").GetString());
        Assert.Equal(3, room.GetProperty("table_identifiers").GetArrayLength());
        Assert.Equal("COMPLETED", sample.GetProperty("status").GetString());
        Assert.NotNull(Attachment(sample, "query"));
        Assert.Equal("COMPLETED", example.GetProperty("status").GetString());
        Assert.Equal(3, exampleResult.GetProperty("statement_response").GetProperty("result").GetProperty("data_array").GetArrayLength());
        Assert.Null(Attachment(notItsTables, "query"));
        Assert.Equal("FOLLOW_UP_QUESTION", Attachment(notItsTables, "text")!.Value.GetProperty("text").GetProperty("purpose").GetString());
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "warehouse_id" },
        { """{"warehouse_id":"4b9b953939869799"}""", "INVALID_PARAMETER_VALUE", "serialized_space" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{not json"}""", "INVALID_PARAMETER_VALUE", "Invalid serialized_space" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":7,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "version" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[]}}"}""", "INVALID_PARAMETER_VALUE", "at least one table" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "catalog.schema.table" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.regions\"},{\"identifier\":\"main.sales.orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "sorted" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":2,\"config\":{\"sample_questions\":[{\"id\":\"Q1\",\"question\":[\"x\"]}]},\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "32 lowercase hex" },
        { """{"warehouse_id":"4b9b953939869799","title":5,"serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "INVALID_PARAMETER_VALUE", "title" },
        { """{"warehouse_id":"ffffffffffffffff","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "RESOURCE_DOES_NOT_EXIST", "Warehouse ffffffffffffffff does not exist" },
        { """{"warehouse_id":"0d1e2f3a4b5c6d7e","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.orders\"}]}}"}""", "RESOURCE_DOES_NOT_EXIST", "Warehouse" },
        { """{"warehouse_id":"4b9b953939869799","serialized_space":"{\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"main.sales.nope\"}]}}"}""", "RESOURCE_DOES_NOT_EXIST", "main.sales.nope" },
        { """[1,2]""", "MALFORMED_REQUEST", "JSON object" },
        { """{"warehouse_id":""", "MALFORMED_REQUEST", "Could not parse" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_create_gets_the_Databricks_error_and_creates_nothing(string json, string code, string mentioned)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (_, before) = await fixture.GetAsync("/api/2.0/genie/spaces?page_size=1000", cts.Token);

        var (response, body) = await fixture.SendAsync(HttpMethod.Post, "/api/2.0/genie/spaces", json, cts.Token);
        var (_, after) = await fixture.GetAsync("/api/2.0/genie/spaces?page_size=1000", cts.Token);

        Assert.Equal(code == "RESOURCE_DOES_NOT_EXIST" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.GetProperty("error_code").GetString());
        Assert.Contains(mentioned, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("spaces").GetArrayLength(), after.GetProperty("spaces").GetArrayLength());
    }

    [Fact]
    public async Task A_permission_denied_fault_on_create_answers_403_and_leaves_list_working()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/genie/spaces", Method = "POST", Status = 403 }, cts.Token);

        var (denied, body) = await CreateAsync(new { warehouse_id = Warehouse, serialized_space = Serialized("main.sales.orders") }, cts.Token);
        var (list, _) = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        var calls = await fixture.Emulator.CallsAsync(cts.Token);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("PERMISSION_DENIED", body.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, calls.ForRoute("POST /api/2.0/genie/spaces"));
    }
}
