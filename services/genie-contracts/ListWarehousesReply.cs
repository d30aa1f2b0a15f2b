using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Reply of <c>workspace.warehouses</c>: running first, then starting, then the others; smaller sizes first.</summary>
public sealed record ListWarehousesReply([property: JsonPropertyName("warehouses")] IReadOnlyList<WarehouseSummary> Warehouses);
