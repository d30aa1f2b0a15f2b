using System.Text.Json.Serialization;

namespace GenieCanvas.Bridge.Bus;

/// <summary>The part of a NATS micro $SRV.STATS answer (io.nats.micro.v1.stats_response) the status badge shows.</summary>
public sealed record ServiceStatsReply(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("started")] DateTimeOffset? Started,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<ServiceEndpointStats>? Endpoints,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>One endpoint of a $SRV.STATS answer.</summary>
public sealed record ServiceEndpointStats(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("num_requests")] long NumRequests,
    [property: JsonPropertyName("num_errors")] long NumErrors);
