using System.Net;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Databricks answers to bus errors, per DESIGN.md's error table. Messages name statuses and codes, never secrets.</summary>
public static class DatabricksErrorMapper
{
    public static Outcome FromResponse(HttpResponseMessage response, string body, string what, string auth, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var upstreamCode = ReadErrorCode(body);
        var said = upstreamCode is null ? $"HTTP {status}" : $"HTTP {status} {upstreamCode}";
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Forbidden => Outcome.Error(
                GenieErrorCodes.NotFound, $"{what} was not found, or no access for the configured identity (Databricks answered {said}).", status),
            HttpStatusCode.Unauthorized => Outcome.Error(
                GenieErrorCodes.UpstreamAuth, $"Databricks rejected {auth} (HTTP 401). Check that it is valid for this workspace.", status),
            HttpStatusCode.TooManyRequests => RateLimited(RetryAfterHeader.Read(response, now)),
            HttpStatusCode.Conflict => Outcome.Error(
                GenieErrorCodes.AlreadyExists, $"{what} conflicts with one that already exists (Databricks answered {said}).", status),
            HttpStatusCode.BadRequest => Outcome.Error(
                GenieErrorCodes.InvalidRequest, $"Databricks refused the request for {what} as invalid ({said}).", status),
            _ when status >= 500 => Outcome.Error(
                GenieErrorCodes.UpstreamError, $"Databricks failed to answer for {what} ({said}), also after retries.", status),
            _ => Outcome.Error(
                GenieErrorCodes.UpstreamError, $"Databricks answered {said} for {what}, which the responder cannot use.", status),
        };
    }

    public static Outcome RateLimited(TimeSpan? retryAfter)
    {
        var seconds = RetryAfterHeader.ToSeconds(retryAfter);
        return Outcome.Error(GenieErrorCodes.RateLimited, $"Databricks is rate limiting requests; retry in {seconds} s.", 429, seconds);
    }

    public static Outcome Timeout(string what, TimeSpan budget) => OperationDispatcher.TimedOut(what, budget);

    public static Outcome Unreachable(string what, int? status) => Outcome.Error(
        GenieErrorCodes.UpstreamError, $"Databricks could not be reached for {what}, also after retries.", status);

    public static Outcome Unreadable(string what, int status) => Outcome.Error(
        GenieErrorCodes.UpstreamError, $"Databricks answered for {what} with a body that is not a JSON object.", status);

    public static Outcome TooLarge(string what, int status, int limit) => Outcome.Error(
        GenieErrorCodes.UpstreamError, $"Databricks answered for {what} with more than {limit / (1024 * 1024)} MiB, an answer too large to pass on.", status);

    public static Outcome AuthRejected(string auth, int status) => Outcome.Error(
        GenieErrorCodes.UpstreamAuth, $"Databricks rejected {auth} (HTTP {status} from the OAuth token endpoint). Check the client id and secret.", status);

    /// <summary>The workspace lacks the endpoint (the internal data-rooms API): 404 <c>ENDPOINT_NOT_FOUND</c>, 410 or 501.</summary>
    public static bool IsMissingEndpoint(int status, string body) =>
        status is 410 or 501 || (status == 404 && ReadErrorCode(body) == "ENDPOINT_NOT_FOUND");

    /// <summary>
    /// A create Databricks refused, with its own reason (which warehouse or table, which permission): 400 →
    /// INVALID_REQUEST, 403 → PERMISSION_DENIED, 404 → NOT_FOUND, 409 → INVALID_REQUEST; null for other statuses.
    /// </summary>
    public static Outcome? Refused(int status, string body, string what)
    {
        var code = status switch
        {
            400 or 409 => GenieErrorCodes.InvalidRequest,
            403 => GenieErrorCodes.PermissionDenied,
            404 => GenieErrorCodes.NotFound,
            _ => null,
        };
        if (code is null)
        {
            return null;
        }
        var upstreamCode = ReadErrorCode(body);
        var said = upstreamCode is null ? $"HTTP {status}" : $"HTTP {status} {upstreamCode}";
        var reason = ReadMessage(body) is { } message ? $": {message}" : ".";
        return Outcome.Error(code, $"Databricks refused {what} ({said}){reason}", status);
    }

    /// <summary>The <c>message</c> of a Databricks error body, one line, at most 500 characters; null when there is none.</summary>
    private static string? ReadMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                && message.GetString() is { Length: > 0 } text)
            {
                var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
                return line.Length > 500 ? line[..500] + "…" : line;
            }
        }
        catch (JsonException)
        {
            // Not a Databricks error body.
        }
        return null;
    }

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
