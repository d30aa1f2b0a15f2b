using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace GenieCanvas.Responder.Tests;

/// <summary>genie.create: validation before Databricks, the serialized_space Databricks receives, the reply, and refusals.</summary>
[Collection(ResponderCollection.Name)]
public sealed partial class CreateSpaceTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    private const string Warehouse = "abc123def4567890";

    private static readonly string[] Tables = ["main.sales.regions", "main.sales.orders", "main.sales.customers"];

    [Fact]
    public async Task A_space_is_created_and_answered_in_the_genie_get_shape()
    {
        await Stack.WarmCatalogAsync();
        var reply = await CreateAsync(new
        {
            title = "  Regional sales  ",
            description = "Orders by region",
            warehouse_id = Warehouse,
            table_identifiers = Tables,
            sample_questions = new[] { "Which region has the highest return rate?", "What was total revenue last quarter by region?" },
            instructions = "Revenue is net of returns.",
        });

        Assert.Equal(200, reply.Status);
        var space = reply.Json;
        var id = space.GetProperty("space_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, space.GetProperty("id").GetString());
        Assert.Equal("Regional sales", space.GetProperty("display_name").GetString());
        Assert.Equal("Orders by region", space.GetProperty("description").GetString());
        Assert.Equal(Warehouse, space.GetProperty("warehouse_id").GetString());
        Assert.Equal(Tables.Order(StringComparer.Ordinal), Strings(space.GetProperty("table_identifiers")));
        Assert.Equal(2, space.GetProperty("sample_questions").GetArrayLength());
        Assert.True(space.GetProperty("created_timestamp").GetInt64() > 0);
        Assert.False(space.TryGetProperty("serialized_space", out _));
        Assert.Equal(1, (await Stack.Emulator.CallsAsync()).ForRoute("POST /api/2.0/genie/spaces"));

        // Create, get and list agree: the new space is everywhere.
        var got = await Stack.Bus.GetSpaceAsync(id);
        Assert.Equal(200, got.Status);
        Assert.Equal("Regional sales", got.Json.GetProperty("display_name").GetString());
        Assert.Equal(Tables.Order(StringComparer.Ordinal), Strings(got.Json.GetProperty("table_identifiers")).Order(StringComparer.Ordinal));
        var list = await Stack.Bus.RequestAsync(GenieSubjects.List, "{\"page_size\": 200}"u8.ToArray());
        Assert.Contains(list.Json.GetProperty("spaces").EnumerateArray(), s => s.GetProperty("space_id").GetString() == id);
    }

    [Fact]
    public async Task Databricks_receives_a_version_2_serialized_space_sorted_with_hex_ids()
    {
        await Stack.WarmCatalogAsync();
        var questions = Enumerable.Range(1, 6).Select(i => $"Question number {i}?").ToArray();
        var reply = await CreateAsync(new
        {
            title = "Shape check",
            warehouse_id = Warehouse,
            table_identifiers = new[] { "main.sales.returns", "main.sales.customers", "main.sales.orders" },
            sample_questions = questions,
            instructions = "Fiscal year starts in February.",
        });
        Assert.Equal(200, reply.Status);

        // What the emulator stored is what it received (the public get gives back serialized_space as sent).
        var serialized = await SerializedSpaceAsync(reply.Json.GetProperty("space_id").GetString()!);
        Assert.Equal(2, serialized.GetProperty("version").GetInt32());
        var tables = serialized.GetProperty("data_sources").GetProperty("tables").EnumerateArray()
            .Select(t => t.GetProperty("identifier").GetString()).ToList();
        Assert.Equal(["main.sales.customers", "main.sales.orders", "main.sales.returns"], tables);
        var samples = serialized.GetProperty("config").GetProperty("sample_questions").EnumerateArray().ToList();
        var ids = samples.Select(q => q.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches(Hex32(), id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(questions.Order(), samples.Select(q => Assert.Single(Strings(q.GetProperty("question")))).Order());
        var instruction = Assert.Single(serialized.GetProperty("instructions").GetProperty("text_instructions").EnumerateArray());
        Assert.Matches(Hex32(), instruction.GetProperty("id").GetString()!);
        Assert.Equal(["Fiscal year starts in February."], Strings(instruction.GetProperty("content")));
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "not json", "not valid JSON" },
        { "[]", "not valid" },
        { "{}", "title is required" },
        { Body(title: "   "), "title is required" },
        { Body(title: new string('t', 201)), "at most 200" },
        { Body(description: new string('d', 4001)), "at most 4000" },
        { Body(warehouse: null), "warehouse_id is required" },
        { Body(warehouse: "../etc"), "warehouse_id must be" },
        { Body(warehouse: new string('w', 129)), "warehouse_id must be" },
        { Body(tables: []), "1–30 tables" },
        { Body(tables: Enumerable.Range(1, 31).Select(i => $"main.sales.t{i}").ToArray()), "at most 30" },
        { Body(tables: ["main.sales"]), "is not a table identifier" },
        { Body(tables: ["main.sales.orders.x"]), "is not a table identifier" },
        { Body(tables: ["main.sa les.orders"]), "is not a table identifier" },
        { Body(tables: ["main..orders"]), "is not a table identifier" },
        { Body(tables: ["main.sales.orders", "MAIN.sales.Orders"]), "twice" },
        { Body(questions: Enumerable.Range(1, 11).Select(i => $"q{i}").ToArray()), "at most 10" },
        { Body(questions: [new string('q', 501)]), "at most 500" },
        { Body(questions: ["fine", "  "]), "sample question 2 is empty" },
        { Body(instructions: new string('i', 10_001)), "at most 10000" },
        { "{\"title\": 5, \"warehouse_id\": \"abc\", \"table_identifiers\": [\"a.b.c\"]}", "at $.title" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_create_requests_are_400_and_never_reach_databricks(string body, string expected)
    {
        await Stack.WarmCatalogAsync();
        var reply = await Stack.Bus.RequestAsync(GenieSubjects.Create, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Contains(expected, reply.ErrorText.Replace(",", ""));
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task An_unknown_warehouse_is_404_naming_it()
    {
        await Stack.WarmCatalogAsync();
        var reply = await CreateAsync(new { title = "x", warehouse_id = "ffffffffffffffff", table_identifiers = Tables });

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
        Assert.Contains("Warehouse ffffffffffffffff does not exist", reply.ErrorText);
        Assert.Contains("RESOURCE_DOES_NOT_EXIST", reply.ErrorText);
    }

    [Fact]
    public async Task A_missing_table_is_404_naming_it()
    {
        await Stack.WarmCatalogAsync();
        var reply = await CreateAsync(new { title = "x", warehouse_id = Warehouse, table_identifiers = new[] { "main.sales.orders", "main.sales.nope" } });

        Assert.Equal(404, reply.Status);
        Assert.Contains("Table 'main.sales.nope' does not exist", reply.ErrorText);
    }

    [Fact]
    public async Task Permission_denied_is_403_with_databricks_reason()
    {
        await Stack.WarmCatalogAsync();
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault
        {
            PathPrefix = "/api/2.0/genie/spaces", Method = "POST", Status = 403, ErrorCode = "PERMISSION_DENIED",
            Message = "User does not have CAN USE on warehouse abc123def4567890.", Times = 1,
        });

        var reply = await CreateAsync(new { title = "x", warehouse_id = Warehouse, table_identifiers = Tables });

        Assert.Equal(403, reply.Status);
        Assert.Equal(GenieErrorCodes.PermissionDenied, reply.ErrorCode);
        Assert.Contains("CAN USE on warehouse", reply.ErrorText);
    }

    [Fact]
    public async Task A_server_error_is_502_and_the_create_is_not_retried()
    {
        await Stack.WarmCatalogAsync();
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/genie/spaces", Method = "POST", Status = 500, Times = 3 });

        var reply = await CreateAsync(new { title = "x", warehouse_id = Warehouse, table_identifiers = Tables });

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamError, reply.ErrorCode);
        Assert.Equal(1, (await Stack.Emulator.CallsAsync()).ForRoute("POST /api/2.0/genie/spaces"));
    }

    [Fact]
    public async Task A_throttled_create_is_retried_and_succeeds()
    {
        await Stack.WarmCatalogAsync();
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/genie/spaces", Method = "POST", Status = 429, RetryAfter = "1", Times = 1 });

        var reply = await CreateAsync(new { title = "After a 429", warehouse_id = Warehouse, table_identifiers = Tables });

        Assert.Equal(200, reply.Status);
        Assert.Equal(2, (await Stack.Emulator.CallsAsync()).ForRoute("POST /api/2.0/genie/spaces"));
    }

    private Task<BusReply> CreateAsync(object body) =>
        Stack.Bus.RequestAsync(GenieSubjects.Create, JsonSerializer.SerializeToUtf8Bytes(body));

    private async Task<JsonElement> SerializedSpaceAsync(string spaceId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Stack.Emulator.Url}/api/2.0/genie/spaces/{spaceId}?include_serialized_space=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Stack.Emulator.Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var space = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(space.RootElement.GetProperty("serialized_space").GetString()!).RootElement.Clone();
    }

    private static string Body(string? title = "t", string? description = null, string? warehouse = Warehouse, string[]? tables = null,
        string[]? questions = null, string? instructions = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["title"] = title,
            ["description"] = description,
            ["warehouse_id"] = warehouse,
            ["table_identifiers"] = tables ?? Tables,
            ["sample_questions"] = questions,
            ["instructions"] = instructions,
        });

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();
}
