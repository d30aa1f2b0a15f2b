using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// Reads request bodies, never throwing: <c>genie.get</c> takes <c>{"space_id": "..."}</c>, a JSON string, or the
/// id as plain text (a body that does not start with '{', '[' or '"'); <c>genie.list</c> takes nothing or
/// <c>{"page_size", "page_token"}</c>. Every problem becomes a sentence for a 400 INVALID_REQUEST.
/// </summary>
public static class RequestBody
{
    private const string InvalidUtf8 = "The request body is not valid UTF-8.";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryReadSpaceId(ReadOnlySpan<byte> body, out string spaceId, out string problem)
    {
        spaceId = string.Empty;
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            problem = "The request body is empty; send {\"space_id\": \"<id>\"} or the id as plain text.";
            return false;
        }

        string? candidate;
        switch (trimmed[0])
        {
            case (byte)'{':
                if (!TryParse(trimmed, out var document, out problem))
                {
                    return false;
                }
                using (document)
                {
                    var root = document.RootElement;
                    if (!root.TryGetProperty("space_id", out var value) || value.ValueKind == JsonValueKind.Null)
                    {
                        problem = "space_id is required: send {\"space_id\": \"<id>\"}.";
                        return false;
                    }
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        problem = "space_id must be a JSON string.";
                        return false;
                    }
                    if (!TryGetString(value, out candidate))
                    {
                        problem = InvalidUtf8;
                        return false;
                    }
                }
                break;
            case (byte)'[':
                problem = "The request body is a JSON array; send a JSON object {\"space_id\": \"<id>\"}.";
                return false;
            case (byte)'"':
                if (!TryParse(trimmed, out var text, out problem))
                {
                    return false;
                }
                using (text)
                {
                    if (!TryGetString(text.RootElement, out candidate))
                    {
                        problem = InvalidUtf8;
                        return false;
                    }
                }
                break;
            default:
                try
                {
                    candidate = StrictUtf8.GetString(trimmed);
                }
                catch (DecoderFallbackException)
                {
                    problem = InvalidUtf8;
                    return false;
                }
                break;
        }

        if (!SpaceId.TryValidate(candidate, out var invalid))
        {
            problem = invalid;
            return false;
        }
        spaceId = candidate!;
        problem = string.Empty;
        return true;
    }

    public static bool TryReadListRequest(ReadOnlySpan<byte> body, out ListSpacesRequest request, out string problem)
    {
        request = new ListSpacesRequest();
        problem = string.Empty;
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return true;
        }
        if (trimmed[0] != (byte)'{')
        {
            problem = "The request body must be a JSON object: {} or {\"page_size\": 50, \"page_token\": \"...\"}.";
            return false;
        }
        if (!TryParse(trimmed, out var document, out problem))
        {
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            int? pageSize = null;
            string? pageToken = null;
            if (root.TryGetProperty("page_size", out var size) && size.ValueKind != JsonValueKind.Null)
            {
                if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out var value) || value is < 1 or > ListSpacesRequest.MaxPageSize)
                {
                    problem = $"page_size must be a whole number from 1 to {ListSpacesRequest.MaxPageSize}.";
                    return false;
                }
                pageSize = value;
            }
            if (root.TryGetProperty("page_token", out var token) && token.ValueKind != JsonValueKind.Null)
            {
                if (token.ValueKind != JsonValueKind.String || !ListSpacesRequest.IsValidPageToken(token.GetString()))
                {
                    problem = $"page_token must be a string of at most {ListSpacesRequest.MaxPageTokenLength} characters of letters, digits and -_.=+/:~%.";
                    return false;
                }
                pageToken = token.GetString();
            }
            request = new ListSpacesRequest(pageSize, pageToken);
            return true;
        }
    }

    // JsonDocument checks the structure but not the UTF-8 inside strings; GetString throws on invalid bytes there.
    private static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> json, out JsonDocument document, out string problem)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                // Trailing content after the value, e.g. {"a":1}{"b":2}; ParseValue stops at the first value.
                document.Dispose();
                throw new JsonException();
            }
            problem = string.Empty;
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            problem = "The request body is not valid JSON; send {\"space_id\": \"<id>\"}.";
            return false;
        }
    }
}
