using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// A public GenieSpace (<c>GET|POST /api/2.0/genie/spaces</c>) in the <c>genie.get</c> shape, the data-rooms one:
/// <c>title</c> → <c>display_name</c>, <c>table_identifiers</c> and <c>sample_questions</c> from
/// <c>serialized_space</c> when it is there and readable (left out otherwise), RFC 3339 times → epoch ms. The other
/// fields (<c>title</c>, <c>parent_path</c>, <c>etag</c>, …) pass through; <c>serialized_space</c> itself does not.
/// </summary>
public static class PublicSpaceMapper
{
    public static byte[] ToGetShape(JsonObject space, JsonObject? serialized, string requestedId)
    {
        serialized ??= ReadSerialized(space);
        var shaped = new JsonObject();
        Copy(space, shaped, "space_id");
        if (space["title"]?.DeepClone() is { } title)
        {
            shaped["display_name"] = title;
        }
        Copy(space, shaped, "description");
        Copy(space, shaped, "warehouse_id");
        if (serialized?["data_sources"]?["tables"] is JsonArray tables)
        {
            shaped["table_identifiers"] = new JsonArray([.. tables.OfType<JsonObject>()
                .Select(t => Text(t["identifier"])).OfType<string>().Select(t => (JsonNode)t)]);
        }
        if (serialized?["config"]?["sample_questions"] is JsonArray questions)
        {
            shaped["sample_questions"] = new JsonArray([.. questions.OfType<JsonObject>()
                .Select(q => Text(q["question"])).OfType<string>().Select(q => (JsonNode)q)]);
        }
        if (EpochMs(space["create_time"]) is { } created)
        {
            shaped["created_timestamp"] = created;
        }
        if (EpochMs(space["update_time"]) is { } updated)
        {
            shaped["last_updated_timestamp"] = updated;
        }
        foreach (var (name, value) in space)
        {
            if (name != "serialized_space" && !shaped.ContainsKey(name))
            {
                shaped[name] = value?.DeepClone();
            }
        }
        return SpaceNormalizer.Normalize(shaped, requestedId);
    }

    /// <summary>serialized_space is a JSON string; null when absent (no CAN EDIT, or not asked for) or unreadable.</summary>
    private static JsonObject? ReadSerialized(JsonObject space)
    {
        if (Text(space["serialized_space"]) is not { Length: > 0 } text)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string name)
    {
        if (from[name] is { } value)
        {
            to[name] = value.DeepClone();
        }
    }

    /// <summary>A serialized_space text: an array of lines (joined) or a plain string.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray lines when lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _)) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };

    private static long? EpochMs(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;
}
