using System.Text;
using System.Text.Json;

namespace GenieCanvas.Faults.Tests;

/// <summary>Reads what the suite needs from an HTTP reply (status, ProblemDetails code, Retry-After) and scans it for secrets.</summary>
public static class ReplyReader
{
    public static async Task<(int Status, string? Code, string? RetryAfter, string Body)> ReadAsync(
        HttpResponseMessage response, string where, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var text = new StringBuilder().Append((int)response.StatusCode).Append('\n');
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(name).Append(": ").AppendJoin(", ", values).Append('\n');
        }
        SuiteEvidence.ScanReply(where, text.Append(body).ToString());

        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : "(no code)";
            }
            catch (JsonException)
            {
                code = "(unreadable problem)";
            }
        }
        else if (!response.IsSuccessStatusCode)
        {
            code = "(not a problem: " + response.Content.Headers.ContentType?.MediaType + ")";
        }
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta
            ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : response.Headers.RetryAfter?.ToString();
        return ((int)response.StatusCode, code, retryAfter, body);
    }
}
