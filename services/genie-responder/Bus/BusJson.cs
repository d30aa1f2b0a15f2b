using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// Reads a request body into its contract record with the source-generated context (GenieJsonContext), never throwing.
/// System.Text.Json refuses trailing content (<c>{…}{…}</c>), wrong types and malformed JSON; bytes that are not
/// UTF-8 are named as such. Every problem is a sentence for a 400 INVALID_REQUEST.
/// </summary>
public static class BusJson
{
    public const string InvalidUtf8 = "The request body is not valid UTF-8.";

    /// <param name="example">What a valid body looks like, for the message, e.g. <c>{"space_id": "&lt;id&gt;"}</c>.</param>
    public static bool TryRead<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, string example, out T? value, out string problem)
    {
        value = default;
        if (!Utf8.IsValid(body))
        {
            problem = InvalidUtf8;
            return false;
        }
        try
        {
            value = JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException e)
        {
            // The path names the field when the JSON is well formed but a value has the wrong type ($.page_size).
            problem = e.Path is { Length: > 2 } path
                ? $"The request body is not valid (at {path}): send {example}."
                : $"The request body is not valid JSON; send {example}.";
            return false;
        }
        catch (InvalidOperationException)
        {
            // e.g. an escaped lone surrogate (\ud800) in a string.
            problem = $"The request body is not valid JSON; send {example}.";
            return false;
        }
        problem = string.Empty;
        if (value is null)
        {
            problem = $"The request body is JSON null; send {example}.";
            return false;
        }
        return true;
    }
}
