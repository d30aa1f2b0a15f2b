using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Source-generated JSON for every contract type (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(GetSpaceRequest))]
[JsonSerializable(typeof(ListSpacesRequest))]
[JsonSerializable(typeof(ListSpacesReply))]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AskStatusEvent))]
[JsonSerializable(typeof(AskAnswer))]
[JsonSerializable(typeof(AskCancelRequest))]
[JsonSerializable(typeof(CreateSpaceRequest))]
[JsonSerializable(typeof(CatalogRequest))]
[JsonSerializable(typeof(ListWarehousesReply))]
[JsonSerializable(typeof(ListCatalogsReply))]
[JsonSerializable(typeof(ListSchemasReply))]
[JsonSerializable(typeof(ListTablesReply))]
[JsonSerializable(typeof(DeploySupervisorRequest))]
[JsonSerializable(typeof(SupervisorIdRequest))]
[JsonSerializable(typeof(SupervisorReply))]
public sealed partial class GenieJsonContext : JsonSerializerContext;
