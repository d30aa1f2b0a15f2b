using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>genie.create</c>: <see cref="CreateSpaceRequest"/> → <c>POST /api/2.0/genie/spaces</c> with a version 2
/// serialized_space (DATABRICKS.md §3a) → the new space in the <c>genie.get</c> shape. Validated first: a bad request
/// never reaches Databricks. A refusal (warehouse or table missing, no permission) names Databricks' reason.
/// </summary>
public sealed class CreateSpace(DatabricksClient databricks) : IBusOperation
{
    private const string Example = "{\"title\": \"…\", \"warehouse_id\": \"…\", \"table_identifiers\": [\"catalog.schema.table\"]}";

    public BusEndpoint Endpoint { get; } = new(GenieSubjects.ServiceName, GenieSubjects.CreateEndpoint, GenieSubjects.Create);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.CreateSpaceRequest, Example, out var input, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        if (!input!.TryValidate(out var invalid))
        {
            return Outcome.Invalid(invalid);
        }
        var title = input.Title!.Trim();
        request.Describe($"the new Genie space '{title}'", "create on warehouse " + input.WarehouseId);

        var serialized = Serialize(input);
        var body = new JsonObject
        {
            ["warehouse_id"] = input.WarehouseId,
            ["title"] = title,
            ["serialized_space"] = serialized.ToJsonString(),
        };
        if (!string.IsNullOrWhiteSpace(input.Description))
        {
            body["description"] = input.Description.Trim();
        }
        var (space, status) = await databricks.CreateSpaceAsync(body, request.Target, request.Deadline);
        var id = space["space_id"] is JsonValue value && value.TryGetValue<string>(out var created) && SpaceId.TryValidate(created, out _)
            ? created
            : throw new OutcomeException(Outcome.Error(GenieErrorCodes.UpstreamError,
                $"Databricks answered the create of {request.Target} without a usable space_id.", status));
        request.Describe(request.Target, "created space " + id);
        return Outcome.Ok(PublicSpaceMapper.ToGetShape(space, serialized, id), status);
    }

    /// <summary>
    /// serialized_space, version 2: tables sorted by identifier; sample questions and the text instruction with
    /// 32-lowercase-hex ids, sorted by id (Databricks refuses unsorted arrays as an "Invalid export proto").
    /// Text values are arrays of strings.
    /// </summary>
    private static JsonObject Serialize(CreateSpaceRequest input)
    {
        var tables = input.TableIdentifiers!.Select(t => t!).Order(StringComparer.Ordinal)
            .Select(t => (JsonNode)new JsonObject { ["identifier"] = t });
        var space = new JsonObject
        {
            ["version"] = 2,
            ["data_sources"] = new JsonObject { ["tables"] = new JsonArray([.. tables]) },
        };
        if (input.SampleQuestions is { Count: > 0 } questions)
        {
            var items = questions.Select(q => (Id: NewId(), Text: q!.Trim())).OrderBy(q => q.Id, StringComparer.Ordinal)
                .Select(q => (JsonNode)new JsonObject { ["id"] = q.Id, ["question"] = new JsonArray(q.Text) });
            space["config"] = new JsonObject { ["sample_questions"] = new JsonArray([.. items]) };
        }
        if (!string.IsNullOrWhiteSpace(input.Instructions))
        {
            var text = new JsonObject { ["id"] = NewId(), ["content"] = new JsonArray(input.Instructions.Trim()) };
            space["instructions"] = new JsonObject { ["text_instructions"] = new JsonArray(text) };
        }
        return space;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
