using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>workspace.warehouses</c>: <c>{}</c> → every SQL warehouse a space can use (<c>GET /api/2.0/sql/warehouses</c>,
/// all pages), deleted ones left out, in the order ai-dev-kit picks them: RUNNING first, then STARTING, then the
/// others; within that, smaller sizes first, then by name.
/// </summary>
public sealed class ListWarehouses(DatabricksClient databricks) : IBusOperation
{
    /// <summary>A workspace with more than this many pages of warehouses is cut there (a guard against a token loop).</summary>
    private const int MaxPages = 20;

    private static readonly string[] SizeOrder =
        ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large"];

    public BusEndpoint Endpoint { get; } = new(WorkspaceSubjects.ServiceName, WorkspaceSubjects.WarehousesEndpoint, WorkspaceSubjects.Warehouses);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        request.Describe("the list of SQL warehouses", "-");
        var body = request.Body.Span.Trim(" \t\r\n"u8);
        if (!body.IsEmpty && !BusJson.TryRead(body, GenieJsonContext.Default.CatalogRequest, "{}", out _, out var problem))
        {
            return Outcome.Invalid(problem);
        }

        var warehouses = new List<WarehouseSummary>();
        string? token = null;
        var status = 200;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = "api/2.0/sql/warehouses" + (token is null ? string.Empty : "?page_token=" + Uri.EscapeDataString(token));
            (var json, status) = await databricks.GetAsync(path, request.Target, request.Deadline);
            warehouses.AddRange(Read(json));
            token = json["next_page_token"] is JsonValue v && v.TryGetValue<string>(out var next) && next.Length > 0 ? next : null;
            if (token is null)
            {
                break;
            }
        }
        var ordered = warehouses
            .Where(w => w.State is not ("DELETED" or "DELETING"))
            .OrderBy(w => w.State switch { "RUNNING" => 0, "STARTING" => 1, _ => 2 })
            .ThenBy(w => SizeRank(w.ClusterSize))
            .ThenBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(new ListWarehousesReply(ordered), GenieJsonContext.Default.ListWarehousesReply), status);
    }

    private static IEnumerable<WarehouseSummary> Read(JsonObject page) =>
        page["warehouses"] is JsonArray items
            ? items.OfType<JsonObject>()
                .Where(w => Text(w, "id") is { Length: > 0 })
                .Select(w => new WarehouseSummary(Text(w, "id")!, Text(w, "name") ?? Text(w, "id")!, Text(w, "state") ?? "UNKNOWN", Text(w, "cluster_size")))
            : [];

    private static int SizeRank(string? size) => Array.IndexOf(SizeOrder, size) is >= 0 and var rank ? rank : SizeOrder.Length;

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
