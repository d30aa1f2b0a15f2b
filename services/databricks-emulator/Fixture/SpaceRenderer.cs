using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>
/// Turns one fixture entry into the bytes of every answer about it: the data-rooms dict verbatim, and the
/// public GenieSpace derived from it (title, RFC 3339 times, an etag, serialized_space version 2).
/// </summary>
public static class SpaceRenderer
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = EmulatorJsonContext.Encoder };

    public static FixtureSpace Render(JsonObject entry)
    {
        var room = entry["data_room"]?.AsObject() ?? throw new InvalidDataException("A fixture entry has no data_room object.");
        var spaceId = Text(room, "space_id") ?? throw new InvalidDataException("A fixture data_room has no space_id.");
        if (Text(room, "id") is { } id && id != spaceId)
        {
            throw new InvalidDataException($"Fixture space {spaceId} has a different id ({id}).");
        }
        var title = Text(room, "display_name") ?? Text(room, "title")
            ?? throw new InvalidDataException($"Fixture space {spaceId} has neither display_name nor title.");

        var summary = new JsonObject
        {
            ["space_id"] = spaceId,
            ["title"] = title,
            ["description"] = Text(room, "description"),
            ["warehouse_id"] = Text(room, "warehouse_id"),
        };
        var created = Millis(room, "created_timestamp");
        var updated = Millis(room, "last_updated_timestamp") ?? created;
        var space = new JsonObject
        {
            ["space_id"] = spaceId,
            ["title"] = title,
            ["description"] = Text(room, "description"),
            ["warehouse_id"] = Text(room, "warehouse_id"),
            ["parent_path"] = Text(entry, "parent_path"),
            ["etag"] = Etag(spaceId, updated),
            ["create_time"] = Rfc3339(created),
            ["update_time"] = Rfc3339(updated),
        };
        RemoveNulls(summary);
        RemoveNulls(space);
        var plain = space.ToJsonString(Json);
        // A created space keeps the serialized_space it was created with; a fixture space's is derived.
        var serialized = entry["serialized_space"]?.AsObject() ?? SerializedSpace(spaceId, room, entry);
        space["serialized_space"] = serialized.ToJsonString(Json);

        return new FixtureSpace(
            spaceId,
            Encoding.UTF8.GetBytes(room.ToJsonString(Json)),
            Encoding.UTF8.GetBytes(plain),
            Encoding.UTF8.GetBytes(space.ToJsonString(Json)),
            Encoding.UTF8.GetBytes(summary.ToJsonString(Json)))
        {
            Title = title,
            WarehouseId = Text(room, "warehouse_id"),
            TableIdentifiers = Strings(room, "table_identifiers").ToList(),
            SampleQuestions = Strings(room, "sample_questions").ToList(),
            TableDescriptions = entry["table_descriptions"] is JsonObject descriptions
                ? descriptions.Where(d => d.Value is JsonValue).ToDictionary(d => d.Key, d => d.Value!.GetValue<string>())
                : new Dictionary<string, string>(),
            ExampleSqls = ExampleSqls(serialized),
        };
    }

    private static List<ExampleSql> ExampleSqls(JsonObject serialized) =>
        serialized["instructions"]?["example_question_sqls"] is JsonArray examples
            ? examples.OfType<JsonObject>()
                .Select(e => new ExampleSql(Joined(e["question"]), Joined(e["sql"])))
                .Where(e => e.Question.Length > 0 && e.Sql.Length > 0)
                .ToList()
            : [];

    // serialized_space text values are arrays of strings (lines); a plain string is accepted too.
    private static string Joined(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    /// <summary>The export format of a space: version 2, text values as arrays of strings, tables sorted.</summary>
    private static JsonObject SerializedSpace(string spaceId, JsonObject room, JsonObject entry)
    {
        var descriptions = entry["table_descriptions"]?.AsObject();
        var tables = new JsonArray();
        foreach (var table in Strings(room, "table_identifiers").Order(StringComparer.Ordinal))
        {
            var item = new JsonObject { ["identifier"] = table };
            if (descriptions?[table]?.GetValue<string>() is { } description)
            {
                item["description"] = new JsonArray(description);
            }
            tables.Add(item);
        }
        var questions = new JsonArray();
        foreach (var question in Strings(room, "sample_questions"))
        {
            questions.Add(new JsonObject { ["id"] = Hex32(spaceId, question), ["question"] = new JsonArray(question) });
        }
        var serialized = new JsonObject
        {
            ["version"] = 2,
            ["config"] = new JsonObject { ["sample_questions"] = questions },
            ["data_sources"] = new JsonObject { ["tables"] = tables },
        };
        var instructions = Strings(entry, "instructions").ToList();
        if (instructions.Count > 0)
        {
            var texts = new JsonArray();
            foreach (var text in instructions)
            {
                texts.Add(new JsonObject { ["id"] = Hex32(spaceId, text), ["content"] = new JsonArray(text) });
            }
            serialized["instructions"] = new JsonObject { ["text_instructions"] = texts };
        }
        return serialized;
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Millis(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<long>(out var ms) ? ms : null;

    private static IEnumerable<string> Strings(JsonObject o, string name) =>
        o[name] is JsonArray a ? a.Select(n => n!.GetValue<string>()) : [];

    private static string? Rfc3339(long? ms) => ms is { } value
        ? DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : null;

    // Opaque, but stable for a given version of the space, as an etag should be.
    private static string Etag(string spaceId, long? updated) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{spaceId}:{updated}")).AsSpan(0, 12));

    // Databricks ids inside serialized_space are 32 lowercase hex characters; derive them so they are stable.
    private static string Hex32(string spaceId, string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(spaceId + "\n" + text)));

    private static void RemoveNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }
    }
}
