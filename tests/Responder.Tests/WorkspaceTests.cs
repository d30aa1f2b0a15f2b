namespace GenieCanvas.Responder.Tests;

/// <summary>The workspace service: SQL warehouses and the Unity Catalog tree the create form browses.</summary>
[Collection(ResponderCollection.Name)]
public sealed class WorkspaceTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    [Fact]
    public async Task Warehouses_come_running_first_then_starting_then_the_others_smaller_first_without_deleted_ones()
    {
        await Stack.WarmCatalogAsync();
        var reply = await Stack.Bus.RequestAsync(WorkspaceSubjects.Warehouses, "{}"u8.ToArray());

        Assert.Equal(200, reply.Status);
        var warehouses = reply.Json.GetProperty("warehouses").EnumerateArray().ToList();
        Assert.Equal(
            ["4b9b953939869799", "abc123def4567890", "1a2b3c4d5e6f7a8b", "9f8e7d6c5b4a3210", "77aa88bb99cc00dd"],
            warehouses.Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(["RUNNING", "RUNNING", "STARTING", "STOPPED", "STOPPING"], warehouses.Select(w => w.GetProperty("state").GetString()));
        var first = warehouses[0];
        Assert.Equal("Shared Serverless", first.GetProperty("name").GetString());
        Assert.Equal("2X-Small", first.GetProperty("cluster_size").GetString());
        Assert.Equal(["id", "name", "state", "cluster_size"], first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_catalog_tree_lists_catalogs_schemas_and_tables()
    {
        await Stack.WarmCatalogAsync();
        var catalogs = await Stack.Bus.RequestAsync(WorkspaceSubjects.Catalogs, []);
        Assert.Equal(200, catalogs.Status);
        var main = Assert.Single(catalogs.Json.GetProperty("catalogs").EnumerateArray(), c => c.GetProperty("name").GetString() == "main");
        Assert.Equal("main", main.GetProperty("full_name").GetString());
        Assert.True(main.TryGetProperty("comment", out _));

        var schemas = await Stack.Bus.RequestAsync(WorkspaceSubjects.Schemas, "{\"catalog\":\"main\"}"u8.ToArray());
        Assert.Equal(200, schemas.Status);
        Assert.Equal(["main.sales", "main.supply_chain"],
            schemas.Json.GetProperty("schemas").EnumerateArray().Select(s => s.GetProperty("full_name").GetString()));

        var tables = await Stack.Bus.RequestAsync(WorkspaceSubjects.Tables, "{\"catalog\":\"main\",\"schema\":\"sales\"}"u8.ToArray());
        Assert.Equal(200, tables.Status);
        var items = tables.Json.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        var orders = Assert.Single(items, t => t.GetProperty("name").GetString() == "orders");
        Assert.Equal("main.sales.orders", orders.GetProperty("full_name").GetString());
        Assert.Equal("MANAGED", orders.GetProperty("table_type").GetString());
        Assert.False(string.IsNullOrEmpty(orders.GetProperty("comment").GetString()));
        Assert.False(tables.Json.TryGetProperty("next_page_token", out _));
    }

    [Fact]
    public async Task An_unknown_catalog_is_404()
    {
        await Stack.WarmCatalogAsync();
        var reply = await Stack.Bus.RequestAsync(WorkspaceSubjects.Schemas, "{\"catalog\":\"nope\"}"u8.ToArray());

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
        Assert.Contains("catalog 'nope'", reply.ErrorText);
        Assert.Contains("CATALOG_DOES_NOT_EXIST", reply.ErrorText);
    }

    [Theory]
    [InlineData(WorkspaceSubjects.Schemas, "{}")]
    [InlineData(WorkspaceSubjects.Schemas, "{\"catalog\":\"\"}")]
    [InlineData(WorkspaceSubjects.Schemas, "{\"catalog\":\"a/b\"}")]
    [InlineData(WorkspaceSubjects.Schemas, "{\"catalog\":\"..\"}")]
    [InlineData(WorkspaceSubjects.Schemas, "{\"catalog\":\"ma\\u0000in\"}")]
    [InlineData(WorkspaceSubjects.Tables, "{\"catalog\":\"main\"}")]
    [InlineData(WorkspaceSubjects.Tables, "{\"catalog\":\"main\",\"schema\":\"x/../y\"}")]
    [InlineData(WorkspaceSubjects.Tables, "{\"catalog\":\"main\",\"schema\":\"sales\",\"page_token\":\"a b\"}")]
    [InlineData(WorkspaceSubjects.Catalogs, "{\"page_token\":\"\\n\"}")]
    [InlineData(WorkspaceSubjects.Catalogs, "not json")]
    [InlineData(WorkspaceSubjects.Warehouses, "[1]")]
    public async Task Bad_workspace_requests_are_400_and_never_reach_databricks(string subject, string body)
    {
        await Stack.WarmCatalogAsync();
        var reply = await Stack.Bus.RequestAsync(subject, Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }

    [Fact]
    public async Task The_workspace_service_answers_discovery_under_its_own_name()
    {
        await Stack.WarmCatalogAsync();
        var pings = await Stack.Bus.RequestManyAsync(WorkspaceSubjects.Ping, TimeSpan.FromSeconds(1));

        var ping = Assert.Single(pings);
        Assert.Equal("workspace", ping.GetProperty("name").GetString());
    }
}

/// <summary>Unity Catalog paging, with a responder asking for pages of two (<c>Responder__CatalogPageSize=2</c>).</summary>
public sealed class SmallPageFixture() : StackFixture(new Dictionary<string, string?> { ["Responder__CatalogPageSize"] = "2" });

public sealed class CatalogPagingTests(SmallPageFixture fixture) : SharedStackTests(fixture), IClassFixture<SmallPageFixture>
{
    [Fact]
    public async Task Tables_are_paged_with_page_tokens_and_every_table_comes_once()
    {
        await Stack.WarmCatalogAsync();
        var seen = new List<string?>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = JsonSerializer.Serialize(new { catalog = "main", schema = "sales", page_token = token });
            var reply = await Stack.Bus.RequestAsync(WorkspaceSubjects.Tables, Encoding.UTF8.GetBytes(body));
            Assert.Equal(200, reply.Status);
            var tables = reply.Json.GetProperty("tables");
            Assert.True(tables.GetArrayLength() <= 2);
            seen.AddRange(tables.EnumerateArray().Select(t => t.GetProperty("full_name").GetString()));
            token = reply.Json.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Catalogs_are_paged_too()
    {
        await Stack.WarmCatalogAsync();
        var first = await Stack.Bus.RequestAsync(WorkspaceSubjects.Catalogs, "{}"u8.ToArray());
        var token = first.Json.GetProperty("next_page_token").GetString();
        var second = await Stack.Bus.RequestAsync(WorkspaceSubjects.Catalogs, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { page_token = token })));

        Assert.Equal(2, first.Json.GetProperty("catalogs").GetArrayLength());
        Assert.Equal(200, second.Status);
        Assert.Empty(first.Json.GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Intersect(second.Json.GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString())));
    }
}
