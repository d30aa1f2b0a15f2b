namespace GenieCanvas.DatabricksEmulator.Sql;

/// <summary>One result column, typed as the SQL Statement Execution API names types (type_name LONG, type_text bigint).</summary>
public sealed record ResultColumn(string Name, int Position, string TypeName, string TypeText);

/// <summary>
/// A computed result: its columns, its rows as the API sends them (every value a string, SQL NULL as null),
/// and whether rows were cut at <see cref="DemoWarehouse.MaxRows"/>.
/// </summary>
public sealed record StatementResult(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<string?[]> Rows, bool Truncated);

/// <summary>A table of the demo warehouse: its Unity Catalog identifier and its columns.</summary>
public sealed record WarehouseTable(string Catalog, string Schema, string Name, IReadOnlyList<ResultColumn> Columns)
{
    public string FullName => $"{Catalog}.{Schema}.{Name}";
}
