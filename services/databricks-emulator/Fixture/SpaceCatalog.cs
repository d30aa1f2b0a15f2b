using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>
/// The workspace's spaces: the fixture (Fixture/spaces.json) plus those created through the API, by id, in listing
/// order, and rendered list pages. Reads take one snapshot; a create swaps in a new one.
/// </summary>
public sealed class SpaceCatalog
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<(int Version, int Offset, int Size), byte[]> _pages = new();
    private volatile Snapshot _snapshot;

    public SpaceCatalog(IReadOnlyList<FixtureSpace> spaces)
    {
        _snapshot = new Snapshot(0, [.. spaces], spaces.ToDictionary(s => s.SpaceId, StringComparer.Ordinal));
    }

    /// <summary>Spaces in the order the list API returns them (created ones last).</summary>
    public IReadOnlyList<FixtureSpace> Spaces => _snapshot.Spaces;

    public int Count => _snapshot.Spaces.Length;

    public bool TryGet(string spaceId, out FixtureSpace space) => _snapshot.ById.TryGetValue(spaceId, out space!);

    /// <summary>Adds a created space; false when its id is taken.</summary>
    public bool TryAdd(FixtureSpace space)
    {
        lock (_lock)
        {
            var current = _snapshot;
            if (current.ById.ContainsKey(space.SpaceId))
            {
                return false;
            }
            var byId = new Dictionary<string, FixtureSpace>(current.ById, StringComparer.Ordinal) { [space.SpaceId] = space };
            _snapshot = new Snapshot(current.Version + 1, [.. current.Spaces, space], byId);
            foreach (var key in _pages.Keys.Where(k => k.Version <= current.Version))
            {
                _pages.TryRemove(key, out _);
            }
            return true;
        }
    }

    /// <summary>
    /// The body of one list page: <c>{"spaces":[…],"next_page_token":"…"}</c>, the token omitted on the last page.
    /// Pages are few (offsets × sizes actually asked for), so they are rendered once per version and kept.
    /// </summary>
    public byte[] ListPage(int offset, int size)
    {
        var snapshot = _snapshot;
        return _pages.GetOrAdd((snapshot.Version, offset, size), key => RenderPage(snapshot.Spaces, key.Offset, key.Size));
    }

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

    private static byte[] RenderPage(FixtureSpace[] spaces, int offset, int size)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EmulatorJsonContext.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("spaces");
            var end = Math.Min(offset + size, spaces.Length);
            for (var i = offset; i < end; i++)
            {
                writer.WriteRawValue(spaces[i].ListItem, skipInputValidation: true);
            }
            writer.WriteEndArray();
            if (end < spaces.Length)
            {
                writer.WriteString("next_page_token", PageToken.Encode(end));
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private sealed record Snapshot(int Version, FixtureSpace[] Spaces, Dictionary<string, FixtureSpace> ById);
}
