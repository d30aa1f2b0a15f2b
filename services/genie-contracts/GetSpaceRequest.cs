using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Body of a <c>genie.get</c> request. A plain-text body holding just the id is accepted too.</summary>
public sealed record GetSpaceRequest([property: JsonPropertyName("space_id")] string? SpaceId);
