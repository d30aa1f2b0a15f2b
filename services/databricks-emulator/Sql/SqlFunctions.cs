using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GenieCanvas.DatabricksEmulator.Sql;

/// <summary>
/// The few Databricks SQL functions the demo answers use and SQLite lacks, so the SQL Genie "writes" is the SQL that
/// runs: date_trunc(unit, d), year(d), datediff(end, start), timestampdiff(unit, start, end), median(x).
/// Dates are ISO-8601 text, as the demo data stores them.
/// </summary>
public static class SqlFunctions
{
    public static void Register(SqliteConnection connection)
    {
        connection.CreateFunction("date_trunc", (string unit, string value) => DateTrunc(unit, value), isDeterministic: true);
        connection.CreateFunction("year", (string value) => (long?)(value is null ? null : Parse(value).Year), isDeterministic: true);
        connection.CreateFunction("datediff", (string end, string start) =>
            end is null || start is null ? (long?)null : (long)(Parse(end).Date - Parse(start).Date).TotalDays, isDeterministic: true);
        connection.CreateFunction("timestampdiff", (string unit, string start, string end) =>
            start is null || end is null ? (long?)null : TimestampDiff(unit, Parse(start), Parse(end)), isDeterministic: true);
        // The seed is null so each group starts its own list (a shared seed object would be shared by all groups).
        connection.CreateAggregate("median",
            (List<double>?)null,
            (List<double>? values, double? value) =>
            {
                values ??= [];
                if (value is { } v)
                {
                    values.Add(v);
                }
                return values;
            },
            values => Median(values ?? []),
            isDeterministic: true);
    }

    private static DateTime Parse(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string? DateTrunc(string unit, string value)
    {
        if (value is null)
        {
            return null;
        }
        var d = Parse(value).Date;
        var truncated = unit.ToUpperInvariant() switch
        {
            "YEAR" => new DateTime(d.Year, 1, 1),
            "QUARTER" => new DateTime(d.Year, ((d.Month - 1) / 3 * 3) + 1, 1),
            "MONTH" => new DateTime(d.Year, d.Month, 1),
            "WEEK" => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), // weeks start on Monday, as in Databricks
            "DAY" => d,
            _ => throw new ArgumentException($"date_trunc: unsupported unit '{unit}'."),
        };
        return truncated.ToString("yyyy-MM-dd' 00:00:00'", CultureInfo.InvariantCulture);
    }

    private static long TimestampDiff(string unit, DateTime start, DateTime end) => unit.ToUpperInvariant() switch
    {
        "SECOND" => (long)(end - start).TotalSeconds,
        "MINUTE" => (long)(end - start).TotalMinutes,
        "HOUR" => (long)(end - start).TotalHours,
        "DAY" => (long)(end - start).TotalDays,
        _ => throw new ArgumentException($"timestampdiff: unsupported unit '{unit}'."),
    };

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
