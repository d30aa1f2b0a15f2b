namespace GenieCanvas.Contracts;

/// <summary>NATS names of the <c>workspace</c> micro service: what the create form picks from.</summary>
public static class WorkspaceSubjects
{
    public const string ServiceName = "workspace";
    public const string WarehousesEndpoint = "warehouses";
    public const string CatalogsEndpoint = "catalogs";
    public const string SchemasEndpoint = "schemas";
    public const string TablesEndpoint = "tables";
    public const string Warehouses = "workspace.warehouses";
    public const string Catalogs = "workspace.catalogs";
    public const string Schemas = "workspace.schemas";
    public const string Tables = "workspace.tables";

    public const string Ping = "$SRV.PING.workspace";
}
