namespace GenieCanvas.Responder.Databricks;

/// <summary>The workspace refused the configured credentials before the API call could be made (e.g. the OAuth token endpoint said 401).</summary>
public sealed class DatabricksAuthRejectedException(int status) : Exception($"The Databricks token endpoint answered {status}.")
{
    public int Status { get; } = status;
}
