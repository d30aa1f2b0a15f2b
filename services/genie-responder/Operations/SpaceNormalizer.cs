using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// The space as <c>genie_get</c> returns it, normalized for the canvas: <c>id</c> and <c>space_id</c> both set,
/// <c>display_name</c> from <c>title</c> when missing; every other field passes through untouched.
/// </summary>
public static class SpaceNormalizer
{
    public static byte[] Normalize(JsonObject space, string requestedId)
    {
        var id = Text(space, "space_id") ?? Text(space, "id") ?? requestedId;
        if (Text(space, "id") is null)
        {
            space["id"] = id;
        }
        if (Text(space, "space_id") is null)
        {
            space["space_id"] = id;
        }
        if (Text(space, "display_name") is null && Text(space, "title") is { } title)
        {
            space["display_name"] = title;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            space.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string? Text(JsonObject space, string name) =>
        space[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
