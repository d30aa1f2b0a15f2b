namespace GenieCanvas.Responder.Genie;

/// <summary>The answer to one request: reply bytes or an error, and the Databricks status behind it (for the log line).</summary>
public sealed record GenieOutcome(byte[]? Reply, GenieError? Error, int? UpstreamStatus);
