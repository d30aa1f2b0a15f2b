using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>workspace.tables</c>: <c>{"catalog","schema"}</c> (+ <c>page_token</c>) → one page of
/// <c>GET /api/2.1/unity-catalog/tables?catalog_name=&amp;schema_name=</c> (name, full_name, comment, table_type; no columns).
/// </summary>
public sealed class ListTables(DatabricksClient databricks, IOptions<ResponderOptions> options) : IBusOperation
{
    public BusEndpoint Endpoint { get; } = new(WorkspaceSubjects.ServiceName, WorkspaceSubjects.TablesEndpoint, WorkspaceSubjects.Tables);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!CatalogInput.TryRead(request, needsCatalog: true, needsSchema: true, out var input, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        request.Describe($"schema '{input.Catalog}.{input.Schema}'", $"schema {input.Catalog}.{input.Schema}");
        var query = CatalogInput.Query(options.Value.CatalogPageSize, input.PageToken, ("catalog_name", input.Catalog), ("schema_name", input.Schema));
        var (page, status) = await databricks.GetAsync("api/2.1/unity-catalog/tables" + query, request.Target, request.Deadline);
        var reply = new ListTablesReply(CatalogItems.Read(page, "tables"), CatalogItems.NextPageToken(page));
        return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(reply, GenieJsonContext.Default.ListTablesReply), status);
    }
}
