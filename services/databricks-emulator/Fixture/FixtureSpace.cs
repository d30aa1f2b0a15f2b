namespace GenieCanvas.DatabricksEmulator.Fixture;

/// <summary>
/// One space of the emulated workspace, with every answer about it rendered to UTF-8 once at start-up
/// (the hot path copies bytes; it never serializes).
/// </summary>
public sealed class FixtureSpace(
    string spaceId,
    byte[] dataRoom,
    byte[] genieSpace,
    byte[] genieSpaceWithSerialized,
    byte[] listItem)
{
    public string SpaceId { get; } = spaceId;

    /// <summary><c>GET /api/2.0/data-rooms/{id}</c>: the fixture's data_room object, verbatim.</summary>
    public byte[] DataRoom { get; } = dataRoom;

    /// <summary><c>GET /api/2.0/genie/spaces/{id}</c>.</summary>
    public byte[] GenieSpace { get; } = genieSpace;

    /// <summary><c>GET /api/2.0/genie/spaces/{id}?include_serialized_space=true</c>.</summary>
    public byte[] GenieSpaceWithSerialized { get; } = genieSpaceWithSerialized;

    /// <summary>The item of <c>GET /api/2.0/genie/spaces</c>: space_id, title, description, warehouse_id.</summary>
    public byte[] ListItem { get; } = listItem;

    public string Title { get; init; } = "";

    public string? WarehouseId { get; init; }

    /// <summary>The tables the space reads (catalog.schema.table): what its Genie can query.</summary>
    public IReadOnlyList<string> TableIdentifiers { get; init; } = [];

    public IReadOnlyList<string> SampleQuestions { get; init; } = [];

    /// <summary>Descriptions of its tables by identifier (Unity Catalog shows them as table comments).</summary>
    public IReadOnlyDictionary<string, string> TableDescriptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Questions the space's author answered with SQL (serialized_space instructions.example_question_sqls).</summary>
    public IReadOnlyList<ExampleSql> ExampleSqls { get; init; } = [];
}

/// <summary>An author's example: a question and the SQL that answers it.</summary>
public sealed record ExampleSql(string Question, string Sql);
