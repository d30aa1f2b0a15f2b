using System.Globalization;
using System.Text.Json;
using GenieCanvas.Bridge.Api;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// Turns a NATS micro-service error reply (Nats-Service-Error-Code / Nats-Service-Error headers, JSON error body)
/// into ProblemDetails: the status from the header, code/detail from the body (the header message when the body
/// cannot be read), Retry-After passed on for 429 and 503.
/// </summary>
public static class ErrorReplyMapper
{
    public static ProblemHttpResult ToProblem(HttpContext http, NatsHeaders headers, string statusHeader, ReadOnlyMemory<byte> body)
    {
        // The NATS micro convention uses HTTP-like codes; anything else (999 "Handler error") is a responder bug.
        var known = int.TryParse(statusHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 400 and <= 599;
        var status = known ? parsed : StatusCodes.Status500InternalServerError;
        var reply = ReadBody(body);
        var error = reply?.Error;
        var code = !known ? GenieErrorCodes.Internal
            : error?.Code is { Length: > 0 } bodyCode ? bodyCode
            : GenieProblems.CodeFor(status);
        var detail = error?.Message is { Length: > 0 } message
            ? message
            : headers.TryGetValue(GenieHeaders.ServiceError, out var headerMessage) && headerMessage.ToString() is { Length: > 0 } text
                ? text
                : "The Genie responder reported an error.";
        return GenieProblems.Create(http, status, code, detail, RetryAfter(status, headers, error), reply?.Extensions);
    }

    private static ErrorReply? ReadBody(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(body.Span, GenieJsonContext.Default.ErrorReply);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? RetryAfter(int status, NatsHeaders headers, ErrorDetail? error)
    {
        if (status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable))
        {
            return null;
        }
        if (headers.TryGetValue(GenieHeaders.RetryAfter, out var value)
            && int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }
        return error?.RetryAfterSeconds is >= 0 and var fromBody ? fromBody : null;
    }
}
