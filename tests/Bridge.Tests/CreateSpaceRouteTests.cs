using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>POST /api/genie/spaces and /api/workspace/* through the real responder and the Databricks emulator.</summary>
public sealed class CreateSpaceRouteTests(CreateSpaceRouteTests.Fixture fixture) : IClassFixture<CreateSpaceRouteTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GenieStack Stack { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Stack = await GenieStack.StartAsync(new GenieStackOptions { Bridge = true }, cts.Token);
            // The emulator loads its SQL engine (the catalog tree) on first use; not inside a test's budget.
            using var warm = await Stack.Bridge.Client.GetAsync("/api/workspace/catalogs", cts.Token);
        }

        public Task DisposeAsync() => Stack.DisposeAsync().AsTask();
    }

    private HttpClient Client => fixture.Stack.Bridge.Client;

    [Fact]
    public async Task Create_is_201_with_the_space_and_a_location_that_gets_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = new
        {
            title = "Returns desk",
            description = "Returns by region",
            warehouse_id = "abc123def4567890",
            table_identifiers = new[] { "main.sales.returns", "main.sales.regions" },
            sample_questions = new[] { "Which region has the highest return rate?" },
        };

        using var response = await Client.PostAsJsonAsync("/api/genie/spaces", body, cts.Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        var id = created.RootElement.GetProperty("space_id").GetString()!;
        Assert.Equal("Returns desk", created.RootElement.GetProperty("display_name").GetString());
        Assert.Equal(["main.sales.regions", "main.sales.returns"],
            created.RootElement.GetProperty("table_identifiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal($"/api/genie/get?space_id={id}", response.Headers.Location?.OriginalString);

        using var got = await Client.GetAsync(response.Headers.Location, cts.Token);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        using var space = JsonDocument.Parse(await got.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("Returns desk", space.RootElement.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task A_databricks_refusal_keeps_its_status_and_reason()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = new { title = "x", warehouse_id = "abc123def4567890", table_identifiers = new[] { "main.sales.nope" } };

        using var response = await Client.PostAsJsonAsync("/api/genie/spaces", body, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
        Assert.Contains("Table 'main.sales.nope' does not exist", problem.Detail);
    }

    [Fact]
    public async Task Warehouses_catalogs_schemas_and_tables_come_through()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var warehouses = await GetJsonAsync("/api/workspace/warehouses", cts.Token);
        var catalogs = await GetJsonAsync("/api/workspace/catalogs", cts.Token);
        var schemas = await GetJsonAsync("/api/workspace/schemas?catalog=main", cts.Token);
        var tables = await GetJsonAsync("/api/workspace/tables?catalog=main&schema=sales", cts.Token);

        Assert.Equal("RUNNING", warehouses.GetProperty("warehouses")[0].GetProperty("state").GetString());
        Assert.Contains(catalogs.GetProperty("catalogs").EnumerateArray(), c => c.GetProperty("name").GetString() == "hr");
        Assert.Contains(schemas.GetProperty("schemas").EnumerateArray(), s => s.GetProperty("full_name").GetString() == "main.sales");
        var orders = Assert.Single(tables.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString() == "orders");
        Assert.Equal("main.sales.orders", orders.GetProperty("full_name").GetString());
        Assert.True(orders.TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task An_unknown_schema_is_404()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Client.GetAsync("/api/workspace/tables?catalog=main&schema=nope", cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>
/// Bad input to the new routes is 400 before the bus: nothing serves genie.create or workspace.* here, so anything
/// sent on the bus would come back 503 SERVICE_UNAVAILABLE at once (the last test proves the routes do send).
/// </summary>
public sealed class CreateSpaceBadInputTests(CreateSpaceBadInputTests.Stack stack) : IClassFixture<CreateSpaceBadInputTests.Stack>
{
    public sealed class Stack : IAsyncLifetime
    {
        public NatsServerProcess Nats { get; private set; } = null!;
        public BridgeProcess Bridge { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Nats = await NatsServerProcess.StartAsync();
            Bridge = await BridgeProcess.StartAsync(Nats.Url);
        }

        public async Task DisposeAsync()
        {
            await Bridge.DisposeAsync();
            await Nats.DisposeAsync();
        }
    }

    private const string Valid = "{\"title\":\"t\",\"warehouse_id\":\"abc123def4567890\",\"table_identifiers\":[\"main.sales.orders\"]}";

    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "JSON object" },
        { "{", "JSON object" },
        { "[]", "JSON object" },
        { "null", "JSON null" },
        { "{}", "title is required" },
        { Valid + "x", "JSON object" },
        { Valid.Replace("\"t\"", "\"" + new string('t', 201) + "\""), "at most 200" },
        { Valid.Replace("abc123def4567890", "a/b"), "warehouse_id must be" },
        { Valid.Replace("main.sales.orders", "main.sales"), "is not a table identifier" },
        { Valid.Replace("\"main.sales.orders\"", "\"main.sales.orders\",\"main.sales.orders\""), "twice" },
        { Valid.Replace("}", ",\"sample_questions\":[\"\"]}"), "sample question 1 is empty" },
        { Valid.Replace("}", ",\"instructions\":\"" + new string('i', 10_001) + "\"}"), "at most 10000" },
        { Valid.Replace("\"t\"", "5"), "$.title" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_create_body_is_400_before_the_bus(string body, string expected)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await stack.Bridge.Client.PostAsync("/api/genie/spaces", content, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Contains(expected, problem.Detail.Replace(",", ""));
    }

    [Fact]
    public async Task A_create_that_is_not_json_is_400()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var content = new StringContent(Valid, Encoding.UTF8, "text/plain");
        using var response = await stack.Bridge.Client.PostAsync("/api/genie/spaces", content, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
    }

    [Fact]
    public async Task A_create_body_over_128_KiB_is_413_and_a_large_valid_one_is_accepted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var huge = new StringContent(Valid.Replace("}", ",\"description\":\"" + new string('d', 140_000) + "\"}"), Encoding.UTF8, "application/json");
        using var tooLarge = await stack.Bridge.Client.PostAsync("/api/genie/spaces", huge, cts.Token);
        await Problem.AssertAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, GenieErrorCodes.InvalidRequest, cts.Token);

        // 20 KB of questions and instructions is far over the 4 KB of other routes, and fine here (then 503: no responder).
        var large = Valid.Replace("}", ",\"instructions\":\"" + new string('i', 10_000) + "\",\"sample_questions\":["
            + string.Join(',', Enumerable.Range(0, 10).Select(_ => "\"" + new string('q', 500) + "\"")) + "]}");
        using var content = new StringContent(large, Encoding.UTF8, "application/json");
        using var accepted = await stack.Bridge.Client.PostAsync("/api/genie/spaces", content, cts.Token);
        await Problem.AssertAsync(accepted, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
    }

    public static TheoryData<string> BadWorkspaceQueries => new()
    {
        "/api/workspace/schemas",
        "/api/workspace/schemas?catalog=",
        "/api/workspace/schemas?catalog=a%2Fb",
        "/api/workspace/schemas?catalog=..",
        "/api/workspace/schemas?catalog=ma%00in",
        "/api/workspace/schemas?catalog=main&page_token=a%20b",
        "/api/workspace/tables?catalog=main",
        "/api/workspace/tables?schema=sales",
        "/api/workspace/tables?catalog=main&schema=x%2F..%2Fy",
        "/api/workspace/tables?catalog=main&schema=s%0Aales",
        "/api/workspace/catalogs?page_token=" + new string('a', 1025),
    };

    [Theory]
    [MemberData(nameof(BadWorkspaceQueries))]
    public async Task A_bad_catalog_or_schema_is_400_before_the_bus(string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync(path, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
    }

    [Theory]
    [InlineData("/api/workspace/warehouses")]
    [InlineData("/api/workspace/catalogs")]
    [InlineData("/api/workspace/schemas?catalog=main")]
    [InlineData("/api/workspace/tables?catalog=main&schema=sales&page_token=abc")]
    public async Task Good_requests_are_sent_on_the_bus(string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync(path, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
    }
}
