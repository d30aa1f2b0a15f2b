using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Body of a <c>genie.create</c> request (and of <c>POST /api/genie/spaces</c>). <see cref="TryValidate"/> is the one
/// rule set, checked by the bridge before the bus and by the responder before Databricks.
/// </summary>
public sealed record CreateSpaceRequest(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("warehouse_id")] string? WarehouseId,
    [property: JsonPropertyName("table_identifiers")] IReadOnlyList<string?>? TableIdentifiers,
    [property: JsonPropertyName("sample_questions")] IReadOnlyList<string?>? SampleQuestions = null,
    [property: JsonPropertyName("instructions")] string? Instructions = null)
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxTables = 30;
    public const int MaxSampleQuestions = 10;
    public const int MaxQuestionLength = 500;
    public const int MaxInstructionsLength = 10_000;

    /// <summary>The rules, in order; the first one broken is the problem (a sentence for a 400).</summary>
    public bool TryValidate([NotNullWhen(false)] out string? problem)
    {
        problem = Check();
        return problem is null;
    }

    private string? Check()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            return "title is required: the name of the new Genie space.";
        }
        if (Title.Length > MaxTitleLength)
        {
            return $"title is {Title.Length} characters long; at most {MaxTitleLength} are allowed.";
        }
        if (Description is { Length: > MaxDescriptionLength })
        {
            return $"description is {Description.Length} characters long; at most {MaxDescriptionLength} are allowed.";
        }
        if (string.IsNullOrEmpty(WarehouseId))
        {
            return "warehouse_id is required: the SQL warehouse the space runs its queries on.";
        }
        if (!SpaceId.TryValidate(WarehouseId, out _))
        {
            return $"warehouse_id must be 1–{SpaceId.MaxLength} characters of letters A-Z and a-z, digits, '-' and '_'.";
        }
        if (TableIdentifiers is not { Count: > 0 })
        {
            return $"table_identifiers must list 1–{MaxTables} tables, each catalog.schema.table.";
        }
        if (TableIdentifiers.Count > MaxTables)
        {
            return $"table_identifiers lists {TableIdentifiers.Count} tables; a space can hold at most {MaxTables}.";
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in TableIdentifiers)
        {
            if (!IsTableIdentifier(table))
            {
                return $"'{Shown(table)}' is not a table identifier: write catalog.schema.table, each part of letters, digits, '_' and '-'.";
            }
            if (!seen.Add(table!))
            {
                return $"table_identifiers lists '{table}' twice.";
            }
        }
        if (SampleQuestions is { Count: > MaxSampleQuestions })
        {
            return $"sample_questions holds {SampleQuestions.Count} questions; at most {MaxSampleQuestions} are allowed.";
        }
        for (var i = 0; i < (SampleQuestions?.Count ?? 0); i++)
        {
            var question = SampleQuestions![i];
            if (string.IsNullOrWhiteSpace(question))
            {
                return $"sample question {i + 1} is empty; remove it or write the question.";
            }
            if (question.Length > MaxQuestionLength)
            {
                return $"sample question {i + 1} is {question.Length} characters long; at most {MaxQuestionLength} are allowed.";
            }
        }
        if (Instructions is { Length: > MaxInstructionsLength })
        {
            return $"instructions are {Instructions.Length} characters long; at most {MaxInstructionsLength} are allowed.";
        }
        return null;
    }

    /// <summary><c>catalog.schema.table</c>, each part one or more of <c>[A-Za-z0-9_-]</c>.</summary>
    public static bool IsTableIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var parts = value.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));
    }

    // A hostile identifier is named in the message, but not at any length or with control characters.
    private static string Shown(string? value)
    {
        var text = new string((value ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
