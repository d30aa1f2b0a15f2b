using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Sql;
using GenieCanvas.DatabricksEmulator.Workspace;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>
/// <c>POST /api/2.0/genie/spaces</c> (DATABRICKS.md §3a): validates the body and its serialized_space (JSON, version,
/// table identifiers, 32-hex ids, sorted arrays), checks the warehouse and every table exist, then adds the space so
/// list, get (public and data-rooms) and the conversation API all see it. Answers the new GenieSpace.
/// </summary>
public static partial class CreateSpaceApi
{
    public const int MaxTables = 30;
    public const string DefaultParentPath = "/Workspace/Users/emulator@example.com";

    public static WebApplication MapCreateSpaceApi(this WebApplication app)
    {
        app.MapPost("/api/2.0/genie/spaces", CreateAsync).WithName("CreateGenieSpace");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SpaceCatalog catalog, DemoWarehouse warehouse, TimeProvider time,
        ILoggerFactory loggers)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Error(400, DatabricksErrors.MalformedRequest, $"Could not parse request object: {e.Message}");
        }
        if (body is not JsonObject o)
        {
            return Error(400, DatabricksErrors.MalformedRequest, "The request body must be a JSON object.");
        }
        if (Text(o, "warehouse_id") is not { Length: > 0 } warehouseId)
        {
            return Invalid("warehouse_id is required: the SQL warehouse the space runs its queries on.");
        }
        if (Text(o, "serialized_space") is not { Length: > 0 } serializedText)
        {
            return Invalid("serialized_space is required: the space as a JSON string, e.g. {\"version\":2,\"data_sources\":{\"tables\":[{\"identifier\":\"c.s.t\"}]}}.");
        }
        foreach (var member in new[] { "title", "description", "parent_path" })
        {
            if (o[member] is { } value && value.GetValueKind() != JsonValueKind.String)
            {
                return Invalid($"{member} must be a string.");
            }
        }
        JsonObject serialized;
        try
        {
            serialized = JsonNode.Parse(serializedText) as JsonObject ?? throw new JsonException("it is not a JSON object.");
        }
        catch (JsonException e)
        {
            return Invalid($"Invalid serialized_space: {e.Message}");
        }
        if (SerializedProblem(serialized, out var tables, out var questions) is { } problem)
        {
            return Invalid("Invalid export proto: " + problem);
        }
        if (Warehouses.Usable(warehouseId) is null)
        {
            return Error(404, DatabricksErrors.ResourceDoesNotExist, $"Warehouse {warehouseId} does not exist.");
        }
        if (tables.FirstOrDefault(t => !warehouse.Tables.ContainsKey(t)) is { } missing)
        {
            return Error(404, DatabricksErrors.ResourceDoesNotExist, $"Table '{missing}' does not exist or you do not have permission to read it.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var spaceId = Ids.Genie();
        var title = Text(o, "title") is { Length: > 0 } t ? t : "New Genie space";
        var room = new JsonObject
        {
            ["id"] = spaceId,
            ["space_id"] = spaceId,
            ["display_name"] = title,
            ["description"] = Text(o, "description"),
            ["warehouse_id"] = warehouseId,
            ["table_identifiers"] = new JsonArray([.. tables.Select(x => (JsonNode)x)]),
            ["run_as_type"] = "OWNER",
            ["created_timestamp"] = now,
            ["last_updated_timestamp"] = now,
            ["user_id"] = MessageJson.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sample_questions"] = new JsonArray([.. questions.Select(x => (JsonNode)x)]),
        };
        if (room["description"] is null)
        {
            room.Remove("description");
        }
        var descriptions = new JsonObject();
        foreach (var table in serialized["data_sources"]!["tables"]!.AsArray().OfType<JsonObject>())
        {
            if (Lines(table["description"]) is { Length: > 0 } description)
            {
                descriptions[table["identifier"]!.GetValue<string>()] = description;
            }
        }
        var entry = new JsonObject
        {
            ["data_room"] = room,
            ["parent_path"] = Text(o, "parent_path") is { Length: > 0 } parent ? parent : DefaultParentPath,
            ["table_descriptions"] = descriptions,
            ["serialized_space"] = serialized.DeepClone(),
        };
        var space = SpaceRenderer.Render(entry);
        catalog.TryAdd(space);
        loggers.CreateLogger(typeof(CreateSpaceApi)).LogInformation("Space {SpaceId} created with {TableCount} tables", spaceId, tables.Count);
        return Results.Bytes(space.GenieSpace, "application/json");
    }

    /// <summary>What is wrong with serialized_space, or null; its table identifiers and sample question texts.</summary>
    private static string? SerializedProblem(JsonObject s, out List<string> tables, out List<string> questions)
    {
        tables = [];
        questions = [];
        if (s["version"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version is not (1 or 2))
        {
            return "version must be 1 or 2 (2 is current).";
        }
        if (s["data_sources"]?["tables"] is not JsonArray list || list.Count == 0)
        {
            return "data_sources.tables must list at least one table, e.g. [{\"identifier\":\"main.sales.orders\"}].";
        }
        if (list.Count > MaxTables)
        {
            return $"a space can hold at most {MaxTables} tables; got {list.Count}.";
        }
        foreach (var item in list)
        {
            if (item is not JsonObject table || Text(table, "identifier") is not { } identifier || !TableIdentifier().IsMatch(identifier))
            {
                return "every data_sources.tables entry needs an identifier of the form catalog.schema.table.";
            }
            tables.Add(identifier);
        }
        if (tables.Distinct(StringComparer.OrdinalIgnoreCase).Count() != tables.Count)
        {
            return "data_sources.tables lists a table twice.";
        }
        if (!tables.SequenceEqual(tables.Order(StringComparer.Ordinal)))
        {
            return "data_sources.tables must be sorted by identifier.";
        }
        if (s["config"]?["sample_questions"] is { } sample)
        {
            if (sample is not JsonArray samples)
            {
                return "config.sample_questions must be an array.";
            }
            if (IdsProblem(samples, "config.sample_questions") is { } idProblem)
            {
                return idProblem;
            }
            foreach (var q in samples.OfType<JsonObject>())
            {
                if (Lines(q["question"]) is not { Length: > 0 } text)
                {
                    return "every sample question needs question: [\"the text\"].";
                }
                questions.Add(text);
            }
        }
        foreach (var section in new[] { "text_instructions", "example_question_sqls" })
        {
            if (s["instructions"]?[section] is not { } node)
            {
                continue;
            }
            if (node is not JsonArray items)
            {
                return $"instructions.{section} must be an array.";
            }
            if (IdsProblem(items, "instructions." + section) is { } idProblem)
            {
                return idProblem;
            }
        }
        return null;
    }

    private static string? IdsProblem(JsonArray items, string name)
    {
        var ids = new List<string>();
        foreach (var item in items)
        {
            if (item is not JsonObject o || Text(o, "id") is not { } id || !Hex32().IsMatch(id))
            {
                return $"every {name} entry needs an id of 32 lowercase hex characters.";
            }
            ids.Add(id);
        }
        return ids.SequenceEqual(ids.Order(StringComparer.Ordinal)) ? null : $"{name} must be sorted by id.";
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A serialized_space text value: an array of strings (joined), or a plain string.</summary>
    private static string? Lines(JsonNode? node) => node switch
    {
        JsonArray lines when lines.All(l => l is JsonValue lv && lv.TryGetValue<string>(out _)) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => null,
    };

    private static IResult Invalid(string message) => Error(400, DatabricksErrors.InvalidParameterValue, message);

    private static IResult Error(int status, string code, string message) => DatabricksErrors.Result(status, code, message);

    [GeneratedRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$")]
    private static partial Regex TableIdentifier();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();
}
