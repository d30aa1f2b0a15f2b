using GenieCanvas.Bridge.Bus;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GenieCanvas.Bridge.Api;

/// <summary>
/// /api/workspace: what the create form picks from, forwarded to the <c>workspace</c> service. Catalog and schema
/// names and page tokens are checked first (the contract's <see cref="CatalogRequest"/> rules): 400 before the bus.
/// </summary>
public static class WorkspaceApi
{
    public static IEndpointRouteBuilder MapWorkspaceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workspace");
        api.MapGet("/warehouses", ListWarehouses);
        api.MapGet("/catalogs", ListCatalogs);
        api.MapGet("/schemas", ListSchemas);
        api.MapGet("/tables", ListTables);
        return app;
    }

    /// <summary>GET /api/workspace/warehouses → workspace.warehouses</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> ListWarehouses(HttpContext http, BusForwarder bus) =>
        bus.ForwardAsync(WorkspaceSubjects.Warehouses, new CatalogRequest(), GenieJsonContext.Default.CatalogRequest, http);

    /// <summary>GET /api/workspace/catalogs[?page_token=] → workspace.catalogs</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> ListCatalogs(
        [FromQuery(Name = "page_token")] string? pageToken, HttpContext http, BusForwarder bus) =>
        Forward(WorkspaceSubjects.Catalogs, new CatalogRequest(PageToken: Token(pageToken)), http, bus);

    /// <summary>GET /api/workspace/schemas?catalog=[&amp;page_token=] → workspace.schemas</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> ListSchemas(
        [FromQuery(Name = "catalog")] string? catalog, [FromQuery(Name = "page_token")] string? pageToken, HttpContext http, BusForwarder bus) =>
        CatalogRequest.TryValidateName(catalog, "catalog", out var problem)
            ? Forward(WorkspaceSubjects.Schemas, new CatalogRequest(catalog, PageToken: Token(pageToken)), http, bus)
            : Invalid(http, problem);

    /// <summary>GET /api/workspace/tables?catalog=&amp;schema=[&amp;page_token=] → workspace.tables</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> ListTables(
        [FromQuery(Name = "catalog")] string? catalog, [FromQuery(Name = "schema")] string? schema, [FromQuery(Name = "page_token")] string? pageToken,
        HttpContext http, BusForwarder bus) =>
        !CatalogRequest.TryValidateName(catalog, "catalog", out var problem) || !CatalogRequest.TryValidateName(schema, "schema", out problem)
            ? Invalid(http, problem)
            : Forward(WorkspaceSubjects.Tables, new CatalogRequest(catalog, schema, Token(pageToken)), http, bus);

    private static Task<Results<BusReplyResult, ProblemHttpResult>> Forward(string subject, CatalogRequest request, HttpContext http, BusForwarder bus) =>
        CatalogRequest.TryValidatePageToken(request.PageToken, out var problem)
            ? bus.ForwardAsync(subject, request, GenieJsonContext.Default.CatalogRequest, http)
            : Invalid(http, problem);

    private static string? Token(string? pageToken) => string.IsNullOrEmpty(pageToken) ? null : pageToken;

    private static Task<Results<BusReplyResult, ProblemHttpResult>> Invalid(HttpContext http, string problem) =>
        Task.FromResult<Results<BusReplyResult, ProblemHttpResult>>(GenieProblems.InvalidRequest(http, problem));
}
