using System.Net;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Genie;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Databricks answers to bus errors, per DESIGN.md's error table. Messages name statuses and codes, never secrets.</summary>
public static class DatabricksErrorMapper
{
    public static GenieError FromResponse(HttpResponseMessage response, string body, string what, string auth, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var upstreamCode = ReadErrorCode(body);
        var said = upstreamCode is null ? $"HTTP {status}" : $"HTTP {status} {upstreamCode}";
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Forbidden => new GenieError(
                404, GenieErrorCodes.NotFound, $"{what} was not found, or no access for the configured identity (Databricks answered {said})."),
            HttpStatusCode.Unauthorized => new GenieError(
                502, GenieErrorCodes.UpstreamAuth, $"Databricks rejected {auth} (HTTP 401). Check that it is valid for this workspace."),
            HttpStatusCode.TooManyRequests => RateLimited(RetryAfterHeader.Read(response, now)),
            HttpStatusCode.BadRequest => new GenieError(
                400, GenieErrorCodes.InvalidRequest, $"Databricks refused the request for {what} as invalid ({said})."),
            _ when status >= 500 => new GenieError(
                502, GenieErrorCodes.UpstreamError, $"Databricks failed to answer for {what} ({said}), also after retries."),
            _ => new GenieError(
                502, GenieErrorCodes.UpstreamError, $"Databricks answered {said} for {what}, which the responder cannot use."),
        };
    }

    public static GenieError RateLimited(TimeSpan? retryAfter)
    {
        var seconds = RetryAfterHeader.ToSeconds(retryAfter);
        return new GenieError(
            429, GenieErrorCodes.RateLimited, $"Databricks is rate limiting requests; retry in {seconds} s.", seconds);
    }

    public static GenieError Timeout(string what, TimeSpan budget) => new(
        504, GenieErrorCodes.UpstreamTimeout, $"Databricks did not answer for {what} within {budget.TotalSeconds:0.#} s.");

    public static GenieError Unreachable(string what) => new(
        502, GenieErrorCodes.UpstreamError, $"Databricks could not be reached for {what}, also after retries.");

    public static GenieError Unreadable(string what) => new(
        502, GenieErrorCodes.UpstreamError, $"Databricks answered for {what} with a body that is not a JSON object.");

    public static GenieError AuthRejected(string auth, int status) => new(
        502, GenieErrorCodes.UpstreamAuth, $"Databricks rejected {auth} (HTTP {status} from the OAuth token endpoint). Check the client id and secret.");

    /// <summary>The <c>error_code</c> of a Databricks error body, only if it looks like one (capitals and underscores).</summary>
    private static string? ReadErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error_code", out var code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } text
                && text.All(c => c is (>= 'A' and <= 'Z') or '_'))
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Not a Databricks error body (HTML, plain text, empty).
        }
        return null;
    }
}
