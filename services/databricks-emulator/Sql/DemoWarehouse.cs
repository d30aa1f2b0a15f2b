using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace GenieCanvas.DatabricksEmulator.Sql;

/// <summary>
/// The emulated SQL warehouse: an in-memory SQLite database loaded once from Fixture/demo-data.sql, whose tables are
/// named by their Unity Catalog identifiers. Genie answers run their SQL here, so result tables are computed.
/// Every query gets its own connection to the shared in-memory database (reads run in parallel).
/// </summary>
public sealed partial class DemoWarehouse : IDisposable
{
    /// <summary>The most rows one result holds, as the Genie query-result API does.</summary>
    public const int MaxRows = 5000;

    private readonly string _connectionString;
    private readonly SqliteConnection _keepAlive; // an in-memory database lives while one connection is open
    private readonly FrozenDictionary<string, WarehouseTable> _tables;
    private readonly Regex _identifiers;

    private DemoWarehouse(string script)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = "emulator-demo-" + Guid.NewGuid().ToString("N"),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _keepAlive = new SqliteConnection(_connectionString);
        _keepAlive.Open();
        using (var load = _keepAlive.CreateCommand())
        {
            load.CommandText = script;
            load.ExecuteNonQuery();
        }
        _tables = ReadTables(_keepAlive).ToFrozenDictionary(t => t.FullName, StringComparer.OrdinalIgnoreCase);
        // c.s.t written bare in Databricks SQL becomes the quoted SQLite name "c.s.t"; longest first.
        var names = _tables.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape);
        _identifiers = new Regex(@"(?<![\w.""`])(" + string.Join("|", names) + @")(?![\w""`])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Every table, by identifier (catalog.schema.table, compared ignoring case).</summary>
    public IReadOnlyDictionary<string, WarehouseTable> Tables => _tables;

    public static DemoWarehouse LoadEmbedded()
    {
        using var stream = typeof(DemoWarehouse).Assembly.GetManifestResourceStream("GenieCanvas.DatabricksEmulator.Fixture.demo-data.sql")
            ?? throw new InvalidOperationException("The embedded demo data Fixture/demo-data.sql is missing from the build.");
        using var reader = new StreamReader(stream);
        return new DemoWarehouse(reader.ReadToEnd());
    }

    /// <summary>The tables a SQL text reads (identifiers of this warehouse that occur in it).</summary>
    public IReadOnlyList<string> TablesIn(string sql) =>
        _identifiers.Matches(sql).Select(m => _tables[m.Value].FullName).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Runs one query; a SQL error comes back as a <see cref="SqliteException"/> with SQLite's message.</summary>
    public StatementResult Run(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqlFunctions.Register(connection);
        using var command = connection.CreateCommand();
        command.CommandText = ToSqlite(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        var kinds = new string?[reader.FieldCount];
        var truncated = false;
        while (reader.Read())
        {
            if (rows.Count == MaxRows)
            {
                truncated = true;
                break;
            }
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                var value = reader.GetValue(i);
                row[i] = Text(value);
                // The declared type of a table column (DATE, DECIMAL(12,2)), else the value's (INTEGER, REAL, TEXT).
                kinds[i] ??= value is DBNull ? null : reader.GetDataTypeName(i);
            }
            rows.Add(row);
        }
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var (typeName, typeText) = DatabricksType(kinds[i]);
            columns[i] = new ResultColumn(reader.GetName(i), i, typeName, typeText);
        }
        return new StatementResult(columns, rows, truncated);
    }

    public void Dispose() => _keepAlive.Dispose();

    private string ToSqlite(string sql)
    {
        var quoted = _identifiers.Replace(sql, m => "\"" + _tables[m.Value].FullName + "\"");
        // timestampdiff(MINUTE, …): SQLite would read the bare unit as a column name.
        return TimestampUnit().Replace(quoted, "timestampdiff('$1',");
    }

    private static (string TypeName, string TypeText) DatabricksType(string? sqliteType)
    {
        var type = (sqliteType ?? "STRING").ToUpperInvariant();
        return type switch
        {
            "INT" => ("INT", "int"),
            "INTEGER" or "BIGINT" => ("LONG", "bigint"),
            "REAL" or "DOUBLE" => ("DOUBLE", "double"),
            "DATE" => ("DATE", "date"),
            "TIMESTAMP" => ("TIMESTAMP", "timestamp"),
            _ when type.StartsWith("DECIMAL", StringComparison.Ordinal) => ("DECIMAL", type.ToLowerInvariant()),
            _ => ("STRING", "string"),
        };
    }

    private static string? Text(object value) => value switch
    {
        DBNull => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<WarehouseTable> ReadTables(SqliteConnection connection)
    {
        var names = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in names)
        {
            var parts = name.Split('.');
            if (parts.Length != 3)
            {
                throw new InvalidDataException($"Demo table '{name}' is not named catalog.schema.table.");
            }
            var columns = new List<ResultColumn>();
            using var info = connection.CreateCommand();
            info.CommandText = $"PRAGMA table_info(\"{name}\")";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                var (typeName, typeText) = DatabricksType(reader.GetString(2));
                columns.Add(new ResultColumn(reader.GetString(1), columns.Count, typeName, typeText));
            }
            yield return new WarehouseTable(parts[0], parts[1], parts[2], columns);
        }
    }

    [GeneratedRegex(@"timestampdiff\(\s*([A-Za-z]+)\s*,", RegexOptions.IgnoreCase)]
    private static partial Regex TimestampUnit();
}
