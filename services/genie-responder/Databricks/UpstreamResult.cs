using System.Text.Json.Nodes;
using GenieCanvas.Responder.Genie;

namespace GenieCanvas.Responder.Databricks;

/// <summary>What one Databricks call produced: a JSON object, or the error to reply with; plus the last HTTP status seen.</summary>
public sealed record UpstreamResult(JsonObject? Json, GenieError? Error, int? Status)
{
    public static UpstreamResult Success(JsonObject json, int status) => new(json, null, status);

    public static UpstreamResult Failure(GenieError error, int? status = null) => new(null, error, status);
}
