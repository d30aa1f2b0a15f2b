using System.Text.Json.Nodes;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Genie;
using GenieCanvas.DatabricksEmulator.Sql;
using Microsoft.AspNetCore.Mvc;

namespace GenieCanvas.DatabricksEmulator.Workspace;

/// <summary>
/// What the create form picks from (DATABRICKS.md §3b): SQL warehouses, and a Unity Catalog tree whose tables are
/// exactly the demo warehouse's, so every table a picker shows can be queried by a space created on it.
/// </summary>
public static class WorkspaceApi
{
    private const long CreatedAt = 1_735_689_600_000; // 2025-01-01, when the demo metastore "was created"
    private const string MetastoreId = "8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private const string Owner = "emulator-admins";

    public static WebApplication MapWorkspaceApi(this WebApplication app)
    {
        app.MapGet("/api/2.0/sql/warehouses", ListWarehouses).WithName("ListWarehouses");
        var uc = app.MapGroup("/api/2.1/unity-catalog");
        uc.MapGet("/catalogs", ListCatalogs).WithName("ListCatalogs");
        uc.MapGet("/schemas", ListSchemas).WithName("ListSchemas");
        uc.MapGet("/tables", ListTables).WithName("ListTables");
        return app;
    }

    private static IResult ListWarehouses([FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken)
    {
        if (Paging.Page(Warehouses.All, "warehouses", "page_size", pageSize, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        var list = new JsonArray();
        foreach (var w in page)
        {
            list.Add(new JsonObject
            {
                ["id"] = w.Id,
                ["name"] = w.Name,
                ["state"] = w.State,
                ["cluster_size"] = w.ClusterSize,
                ["warehouse_type"] = w.WarehouseType,
                ["enable_serverless_compute"] = w.Serverless,
                ["min_num_clusters"] = 1,
                ["max_num_clusters"] = w.MaxNumClusters,
                ["num_clusters"] = w.State == "RUNNING" ? 1 : 0,
                ["num_active_sessions"] = 0,
                ["auto_stop_mins"] = w.AutoStopMins,
                ["creator_name"] = "emulator@example.com",
                ["odbc_params"] = new JsonObject { ["hostname"] = "emulator.local", ["path"] = "/sql/1.0/warehouses/" + w.Id, ["port"] = 443, ["protocol"] = "https" },
            });
        }
        return Json(new JsonObject { ["warehouses"] = list }, next);
    }

    private static IResult ListCatalogs([FromQuery(Name = "max_results")] string? maxResults, [FromQuery(Name = "page_token")] string? pageToken,
        DemoWarehouse warehouse)
    {
        var names = warehouse.Tables.Values.Select(t => t.Catalog).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (Paging.Page(names, "catalogs", "max_results", maxResults, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        var list = new JsonArray();
        foreach (var name in page)
        {
            list.Add(new JsonObject
            {
                ["name"] = name,
                ["full_name"] = name,
                ["comment"] = $"Demo catalog '{name}' of the workspace emulator.",
                ["catalog_type"] = "MANAGED_CATALOG",
                ["securable_type"] = "CATALOG",
                ["isolation_mode"] = "OPEN",
                ["owner"] = Owner,
                ["metastore_id"] = MetastoreId,
                ["created_at"] = CreatedAt,
                ["created_by"] = "emulator@example.com",
            });
        }
        return Json(new JsonObject { ["catalogs"] = list }, next);
    }

    private static IResult ListSchemas([FromQuery(Name = "catalog_name")] string? catalogName, [FromQuery(Name = "max_results")] string? maxResults,
        [FromQuery(Name = "page_token")] string? pageToken, DemoWarehouse warehouse)
    {
        if (string.IsNullOrEmpty(catalogName))
        {
            return Paging.Invalid("catalog_name is required: the catalog whose schemas to list.");
        }
        var tables = warehouse.Tables.Values.Where(t => t.Catalog.Equals(catalogName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (tables.Count == 0)
        {
            return NotFound("CATALOG_DOES_NOT_EXIST", $"Catalog '{catalogName}' does not exist.");
        }
        var names = tables.Select(t => t.Schema).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (Paging.Page(names, "schemas:" + catalogName, "max_results", maxResults, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        var catalog = tables[0].Catalog;
        var list = new JsonArray();
        foreach (var name in page)
        {
            list.Add(new JsonObject
            {
                ["name"] = name,
                ["catalog_name"] = catalog,
                ["full_name"] = $"{catalog}.{name}",
                ["comment"] = $"Demo schema '{catalog}.{name}'.",
                ["owner"] = Owner,
                ["metastore_id"] = MetastoreId,
                ["created_at"] = CreatedAt,
            });
        }
        return Json(new JsonObject { ["schemas"] = list }, next);
    }

    private static IResult ListTables([FromQuery(Name = "catalog_name")] string? catalogName, [FromQuery(Name = "schema_name")] string? schemaName,
        [FromQuery(Name = "max_results")] string? maxResults, [FromQuery(Name = "page_token")] string? pageToken,
        DemoWarehouse warehouse, SpaceCatalog spaces)
    {
        if (string.IsNullOrEmpty(catalogName) || string.IsNullOrEmpty(schemaName))
        {
            return Paging.Invalid("catalog_name and schema_name are required: the schema whose tables to list.");
        }
        var inCatalog = warehouse.Tables.Values.Where(t => t.Catalog.Equals(catalogName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inCatalog.Count == 0)
        {
            return NotFound("CATALOG_DOES_NOT_EXIST", $"Catalog '{catalogName}' does not exist.");
        }
        var tables = inCatalog.Where(t => t.Schema.Equals(schemaName, StringComparison.OrdinalIgnoreCase)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (tables.Count == 0)
        {
            return NotFound("SCHEMA_DOES_NOT_EXIST", $"Schema '{catalogName}.{schemaName}' does not exist.");
        }
        if (Paging.Page(tables, $"tables:{catalogName}.{schemaName}", "max_results", maxResults, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        var descriptions = spaces.Spaces.SelectMany(s => s.TableDescriptions).GroupBy(d => d.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        var list = new JsonArray();
        foreach (var t in page)
        {
            var columns = new JsonArray();
            foreach (var c in t.Columns)
            {
                columns.Add(new JsonObject { ["name"] = c.Name, ["type_name"] = c.TypeName, ["type_text"] = c.TypeText, ["position"] = c.Position, ["nullable"] = true });
            }
            var table = new JsonObject
            {
                ["name"] = t.Name,
                ["catalog_name"] = t.Catalog,
                ["schema_name"] = t.Schema,
                ["full_name"] = t.FullName,
                ["table_type"] = "MANAGED",
                ["data_source_format"] = "DELTA",
                ["columns"] = columns,
                ["owner"] = Owner,
                ["metastore_id"] = MetastoreId,
                ["created_at"] = CreatedAt,
            };
            if (descriptions.TryGetValue(t.FullName, out var comment))
            {
                table["comment"] = comment;
            }
            list.Add(table);
        }
        return Json(new JsonObject { ["tables"] = list }, next);
    }

    private static IResult Json(JsonObject body, string? nextToken)
    {
        if (nextToken is not null)
        {
            body["next_page_token"] = nextToken;
        }
        return Results.Text(MessageJson.Write(body), "application/json");
    }

    private static IResult NotFound(string code, string message) => DatabricksErrors.Result(StatusCodes.Status404NotFound, code, message);
}
