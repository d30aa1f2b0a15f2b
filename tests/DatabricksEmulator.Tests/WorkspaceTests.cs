using System.Net;
using System.Text.Json;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class WorkspaceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Warehouses_come_in_various_states_with_the_picker_fields()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync("/api/2.0/sql/warehouses", cts.Token);
        var (_, firstTwo) = await fixture.GetAsync("/api/2.0/sql/warehouses?page_size=2", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warehouses = body.GetProperty("warehouses").EnumerateArray().ToList();
        Assert.True(warehouses.Count >= 5);
        Assert.False(body.TryGetProperty("next_page_token", out _));
        Assert.Superset(new HashSet<string> { "RUNNING", "STARTING", "STOPPED", "STOPPING", "DELETED" },
            warehouses.Select(w => w.GetProperty("state").GetString()!).ToHashSet());
        Assert.All(warehouses, w =>
        {
            Assert.Matches("^[0-9a-f]{16}$", w.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(w.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("cluster_size").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("warehouse_type").GetString()));
        });
        Assert.Equal(2, firstTwo.GetProperty("warehouses").GetArrayLength());
        Assert.True(firstTwo.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task The_catalog_tree_pages_with_max_results_and_holds_every_fixture_table()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var catalogs = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (_, page) = await fixture.GetAsync("/api/2.1/unity-catalog/catalogs?max_results=3" + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token)), cts.Token);
            var items = page.GetProperty("catalogs").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 3);
            catalogs.AddRange(items.Select(c => c.GetProperty("name").GetString()!));
            token = page.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 20);

        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var catalog in catalogs)
        {
            var (_, schemas) = await fixture.GetAsync($"/api/2.1/unity-catalog/schemas?catalog_name={catalog}", cts.Token);
            foreach (var schema in schemas.GetProperty("schemas").EnumerateArray())
            {
                Assert.Equal(catalog, schema.GetProperty("catalog_name").GetString());
                Assert.Equal($"{catalog}.{schema.GetProperty("name").GetString()}", schema.GetProperty("full_name").GetString());
                var (_, list) = await fixture.GetAsync($"/api/2.1/unity-catalog/tables?catalog_name={catalog}&schema_name={schema.GetProperty("name").GetString()}&max_results=0", cts.Token);
                foreach (var table in list.GetProperty("tables").EnumerateArray())
                {
                    Assert.Equal("MANAGED", table.GetProperty("table_type").GetString());
                    Assert.Equal($"{table.GetProperty("catalog_name").GetString()}.{table.GetProperty("schema_name").GetString()}.{table.GetProperty("name").GetString()}",
                        table.GetProperty("full_name").GetString());
                    Assert.True(table.GetProperty("columns").GetArrayLength() > 0);
                    tables.Add(table.GetProperty("full_name").GetString()!);
                }
            }
        }
        var (_, spaces) = await fixture.GetAsync("/api/2.0/genie/spaces", cts.Token);
        var fixtureTables = new List<string>();
        foreach (var space in spaces.GetProperty("spaces").EnumerateArray())
        {
            var (_, room) = await fixture.GetAsync("/api/2.0/data-rooms/" + space.GetProperty("space_id").GetString(), cts.Token);
            fixtureTables.AddRange(room.GetProperty("table_identifiers").EnumerateArray().Select(t => t.GetString()!));
        }

        Assert.True(pages >= 2, "max_results=3 must page");
        Assert.Equal(catalogs.Count, catalogs.Distinct().Count());
        Assert.Contains("main", catalogs);
        Assert.Subset(tables, fixtureTables.ToHashSet());
        Assert.Equal(fixtureTables.Distinct().Count(), tables.Count);
    }

    [Fact]
    public async Task Sales_tables_carry_comments_and_typed_columns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (_, body) = await fixture.GetAsync("/api/2.1/unity-catalog/tables?catalog_name=main&schema_name=sales", cts.Token);
        var orders = body.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "orders");
        var columns = orders.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type_name").GetString());

        Assert.False(string.IsNullOrEmpty(orders.GetProperty("comment").GetString()));
        Assert.Equal("DATE", columns["order_date"]);
        Assert.Equal("DECIMAL", columns["total_amount"]);
        Assert.Equal("INT", columns["order_id"]);
    }

    [Theory]
    [InlineData("/api/2.1/unity-catalog/schemas", 400, "INVALID_PARAMETER_VALUE")]
    [InlineData("/api/2.1/unity-catalog/schemas?catalog_name=nope", 404, "CATALOG_DOES_NOT_EXIST")]
    [InlineData("/api/2.1/unity-catalog/tables?catalog_name=main", 400, "INVALID_PARAMETER_VALUE")]
    [InlineData("/api/2.1/unity-catalog/tables?catalog_name=main&schema_name=nope", 404, "SCHEMA_DOES_NOT_EXIST")]
    [InlineData("/api/2.1/unity-catalog/catalogs?max_results=-1", 400, "INVALID_PARAMETER_VALUE")]
    [InlineData("/api/2.1/unity-catalog/catalogs?max_results=2&page_token=garbage", 400, "INVALID_PARAMETER_VALUE")]
    [InlineData("/api/2.0/sql/warehouses?page_size=abc", 400, "INVALID_PARAMETER_VALUE")]
    public async Task Bad_picker_requests_get_Databricks_errors(string path, int status, string code)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync(path, cts.Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Picker_calls_need_a_token_and_are_counted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await fixture.Emulator.ResetAsync(cts.Token);
        var (noToken, _) = await fixture.GetAsync("/api/2.0/sql/warehouses", cts.Token, token: null);
        await fixture.GetAsync("/api/2.1/unity-catalog/catalogs", cts.Token);
        var calls = await fixture.Emulator.CallsAsync(cts.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(1, calls.ForPath("/api/2.0/sql/warehouses"));
        Assert.Equal(1, calls.ForRoute("GET /api/2.1/unity-catalog/catalogs"));
    }
}
