using System.Text.Json;

namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// The structural check of a flow document, the server's side of the browser's saved canvas
/// (frontend/src/canvas/persistence.ts): a JSON object with an optional whole-number <c>version</c>, a <c>nodes</c>
/// array and an <c>edges</c> array of objects with string ids (edges also name <c>source</c> and <c>target</c>), in
/// bounded numbers. Anything else in the document (positions, data, viewport, …) is the browser's to check.
/// </summary>
public static class FlowDocument
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxNodes = 2_000;
    public const int MaxEdges = 10_000;
    public const int MaxIdLength = 256;
    public const int MaxVersion = 1_000;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static bool TryValidate(ReadOnlyMemory<byte> body, out string problem)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, Strict);
        }
        catch (JsonException)
        {
            // Also: trailing content after the object, a property given twice, nesting over 64 levels, bad UTF-8.
            problem = "The body is not a single valid JSON document (each property once, nesting at most 64 levels).";
            return false;
        }
        using (json)
        {
            problem = ProblemOf(json.RootElement) ?? "";
            return problem.Length == 0;
        }
    }

    private static string? ProblemOf(JsonElement root)
    {
        const string Expected = "A flow is a JSON object like {\"version\": 1, \"nodes\": [{\"id\": \"...\", ...}], \"edges\": [{\"id\": \"...\", \"source\": \"...\", \"target\": \"...\"}]}";
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Expected + "; this body is a JSON " + root.ValueKind.ToString().ToLowerInvariant() + ".";
        }
        if (root.TryGetProperty("version", out var version)
            && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v is >= 1 and <= MaxVersion))
        {
            return $"\"version\" must be a whole number from 1 to {MaxVersion}.";
        }
        return ArrayProblem(root, "nodes", MaxNodes, Expected, ["id"])
            ?? ArrayProblem(root, "edges", MaxEdges, Expected, ["id", "source", "target"]);
    }

    private static string? ArrayProblem(JsonElement root, string name, int max, string expected, string[] idFields)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return $"\"{name}\" must be an array. {expected}.";
        }
        var count = array.GetArrayLength();
        if (count > max)
        {
            return $"\"{name}\" holds {count} entries; a flow may have at most {max}.";
        }
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{name}[{index}] must be a JSON object.";
            }
            foreach (var field in idFields)
            {
                if (!item.TryGetProperty(field, out var id) || id.ValueKind != JsonValueKind.String
                    || id.GetString() is not { Length: > 0 and <= MaxIdLength })
                {
                    return $"{name}[{index}].{field} must be a non-empty string of at most {MaxIdLength} characters.";
                }
            }
            index++;
        }
        return null;
    }
}
