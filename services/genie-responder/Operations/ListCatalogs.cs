using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Operations;

/// <summary><c>workspace.catalogs</c>: <c>{}</c> (+ <c>page_token</c>) → one page of <c>GET /api/2.1/unity-catalog/catalogs</c>.</summary>
public sealed class ListCatalogs(DatabricksClient databricks, IOptions<ResponderOptions> options) : IBusOperation
{
    public BusEndpoint Endpoint { get; } = new(WorkspaceSubjects.ServiceName, WorkspaceSubjects.CatalogsEndpoint, WorkspaceSubjects.Catalogs);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        request.Describe("the Unity Catalog catalogs", "-");
        if (!CatalogInput.TryRead(request, needsCatalog: false, needsSchema: false, out var input, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        var query = CatalogInput.Query(options.Value.CatalogPageSize, input.PageToken);
        var (page, status) = await databricks.GetAsync("api/2.1/unity-catalog/catalogs" + query, request.Target, request.Deadline);
        var reply = new ListCatalogsReply(CatalogItems.Read(page, "catalogs"), CatalogItems.NextPageToken(page));
        return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(reply, GenieJsonContext.Default.ListCatalogsReply), status);
    }
}
