using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>The fixture workspace (Fixture/spaces.json): spaces by id, in listing order, and rendered list pages.</summary>
public sealed class SpaceCatalog
{
    private readonly FrozenDictionary<string, FixtureSpace> _byId;
    private readonly ConcurrentDictionary<(int Offset, int Size), byte[]> _pages = new();

    public SpaceCatalog(IReadOnlyList<FixtureSpace> spaces)
    {
        Spaces = spaces;
        _byId = spaces.ToFrozenDictionary(s => s.SpaceId, StringComparer.Ordinal);
    }

    /// <summary>Spaces in the order the list API returns them.</summary>
    public IReadOnlyList<FixtureSpace> Spaces { get; }

    public int Count => Spaces.Count;

    public bool TryGet(string spaceId, out FixtureSpace space) => _byId.TryGetValue(spaceId, out space!);

    /// <summary>
    /// The body of one list page: <c>{"spaces":[…],"next_page_token":"…"}</c>, the token omitted on the last page.
    /// Pages are few (offsets × sizes actually asked for), so they are rendered once and kept.
    /// </summary>
    public byte[] ListPage(int offset, int size) => _pages.GetOrAdd((offset, size), key => RenderPage(key.Offset, key.Size));

    public static SpaceCatalog LoadEmbedded()
    {
        using var stream = typeof(SpaceCatalog).Assembly.GetManifestResourceStream("GenieCanvas.DatabricksEmulator.Fixture.spaces.json")
            ?? throw new InvalidOperationException("The embedded fixture Fixture/spaces.json is missing from the build.");
        return Load(stream);
    }

    public static SpaceCatalog Load(Stream json)
    {
        var root = JsonNode.Parse(json) ?? throw new InvalidDataException("The fixture is empty.");
        var entries = root["spaces"]?.AsArray() ?? throw new InvalidDataException("The fixture has no \"spaces\" array.");
        var spaces = entries.Select(e => SpaceRenderer.Render(e?.AsObject() ?? throw new InvalidDataException("A fixture entry is null."))).ToList();
        var duplicate = spaces.GroupBy(s => s.SpaceId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The fixture holds space {duplicate.Key} twice.");
        }
        return new SpaceCatalog(spaces);
    }

    private byte[] RenderPage(int offset, int size)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EmulatorJsonContext.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("spaces");
            var end = Math.Min(offset + size, Spaces.Count);
            for (var i = offset; i < end; i++)
            {
                writer.WriteRawValue(Spaces[i].ListItem, skipInputValidation: true);
            }
            writer.WriteEndArray();
            if (end < Spaces.Count)
            {
                writer.WriteString("next_page_token", PageToken.Encode(end));
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
