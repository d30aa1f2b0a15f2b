namespace GenieCanvas.DatabricksEmulator.Workspace;

/// <summary>One SQL warehouse of the emulated workspace (service/sql.py EndpointInfo, the fields a picker needs).</summary>
public sealed record Warehouse(string Id, string Name, string State, string ClusterSize, string WarehouseType, bool Serverless,
    int MaxNumClusters, int AutoStopMins);

/// <summary>
/// The workspace's SQL warehouses, in various states. The fixture spaces use the first five; the DELETED one exists
/// only so pickers and create can be tested against it (a space cannot be created on it).
/// </summary>
public static class Warehouses
{
    public static IReadOnlyList<Warehouse> All { get; } =
    [
        new("4b9b953939869799", "Shared Serverless", "RUNNING", "2X-Small", "PRO", true, 4, 10),
        new("abc123def4567890", "Analytics Pro", "RUNNING", "Small", "PRO", true, 2, 15),
        new("1a2b3c4d5e6f7a8b", "Marketing Warehouse", "STARTING", "X-Small", "PRO", true, 1, 10),
        new("9f8e7d6c5b4a3210", "HR and Finance", "STOPPED", "Medium", "PRO", false, 1, 30),
        new("77aa88bb99cc00dd", "Telemetry Classic", "STOPPING", "Large", "CLASSIC", false, 2, 45),
        new("0d1e2f3a4b5c6d7e", "Old ETL Warehouse", "DELETED", "Small", "CLASSIC", false, 1, 120),
    ];

    /// <summary>A warehouse a space can use: known and not deleted.</summary>
    public static Warehouse? Usable(string id) =>
        All.FirstOrDefault(w => w.Id == id && w.State is not ("DELETED" or "DELETING"));
}
