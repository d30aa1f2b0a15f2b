namespace GenieCanvas.DatabricksEmulator.Databricks;

/// <summary>The error body every Databricks REST API returns: <c>{"error_code": "...", "message": "..."}</c>.</summary>
public sealed record DatabricksError(string ErrorCode, string Message);
