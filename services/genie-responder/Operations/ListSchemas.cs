using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Operations;

/// <summary><c>workspace.schemas</c>: <c>{"catalog"}</c> (+ <c>page_token</c>) → one page of <c>GET /api/2.1/unity-catalog/schemas?catalog_name=</c>.</summary>
public sealed class ListSchemas(DatabricksClient databricks, IOptions<ResponderOptions> options) : IBusOperation
{
    public BusEndpoint Endpoint { get; } = new(WorkspaceSubjects.ServiceName, WorkspaceSubjects.SchemasEndpoint, WorkspaceSubjects.Schemas);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!CatalogInput.TryRead(request, needsCatalog: true, needsSchema: false, out var input, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        request.Describe($"catalog '{input.Catalog}'", "catalog " + input.Catalog);
        var query = CatalogInput.Query(options.Value.CatalogPageSize, input.PageToken, ("catalog_name", input.Catalog));
        var (page, status) = await databricks.GetAsync("api/2.1/unity-catalog/schemas" + query, request.Target, request.Deadline);
        var reply = new ListSchemasReply(CatalogItems.Read(page, "schemas"), CatalogItems.NextPageToken(page));
        return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(reply, GenieJsonContext.Default.ListSchemasReply), status);
    }
}
