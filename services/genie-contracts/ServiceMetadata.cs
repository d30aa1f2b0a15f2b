namespace GenieCanvas.Contracts;

/// <summary>
/// Keys of the metadata every responder's NATS micro services carry in their $SRV.PING/INFO/STATS answers. Values are
/// public facts only (a host name, a flag), never a credential.
/// </summary>
public static class ServiceMetadata
{
    /// <summary>The Databricks workspace URL the responder calls, e.g. <c>https://dbc-….cloud.databricks.com</c>.</summary>
    public const string DatabricksHost = "databricks_host";

    /// <summary><c>"true"</c> when that workspace is the local emulator (start.sh's demo mode).</summary>
    public const string Demo = "demo";
}
