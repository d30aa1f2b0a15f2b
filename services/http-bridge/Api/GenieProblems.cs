using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace GenieCanvas.Bridge.Api;

/// <summary>
/// Every HTTP error of the bridge: ProblemDetails (application/problem+json) with <c>status</c>, <c>title</c>,
/// <c>detail</c> and the extensions <c>code</c> (a <see cref="GenieErrorCodes"/> value) and <c>requestId</c>.
/// </summary>
public static class GenieProblems
{
    public static ProblemHttpResult InvalidRequest(HttpContext http, string detail) =>
        Create(http, StatusCodes.Status400BadRequest, GenieErrorCodes.InvalidRequest, detail);

    public static ProblemHttpResult BodyTooLarge(HttpContext http, long limit) =>
        Create(http, StatusCodes.Status413PayloadTooLarge, GenieErrorCodes.InvalidRequest,
            $"The request body is larger than {limit} bytes; send just {{\"space_id\": \"...\"}}.");

    public static ProblemHttpResult NoResponders(HttpContext http) =>
        Create(http, StatusCodes.Status503ServiceUnavailable, GenieErrorCodes.ServiceUnavailable,
            "No Genie responder is running. Start services/genie-responder (./start.sh starts everything) and try again.",
            retryAfterSeconds: 1);

    public static ProblemHttpResult ShuttingDown(HttpContext http) =>
        Create(http, StatusCodes.Status503ServiceUnavailable, GenieErrorCodes.ServiceUnavailable,
            "The GenieCanvas server is shutting down; retry in a moment.", retryAfterSeconds: 2);

    public static ProblemHttpResult ResponderTimeout(HttpContext http, TimeSpan timeout) =>
        Create(http, StatusCodes.Status503ServiceUnavailable, GenieErrorCodes.ResponderTimeout,
            $"The Genie responder did not answer within {timeout.TotalSeconds:0.#} s.", retryAfterSeconds: 5);

    public static ProblemHttpResult BusUnavailable(HttpContext http) =>
        Create(http, StatusCodes.Status503ServiceUnavailable, GenieErrorCodes.BusUnavailable,
            "The bridge is not connected to the NATS bus. It reconnects by itself; try again in a moment.",
            retryAfterSeconds: 2);

    /// <summary>For the log only (status 499, as nginx and ASP.NET Core name it): the caller closed the request.</summary>
    public static ProblemHttpResult ClientClosed(HttpContext http) =>
        Create(http, StatusCodes.Status499ClientClosedRequest, GenieErrorCodes.InvalidRequest, "The client closed the request before the answer came.");

    public static ProblemHttpResult Create(HttpContext http, int status, string code, string detail, int? retryAfterSeconds = null,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement>? more = null)
    {
        // Not once a stream's headers are out (an SSE error event carries the problem only).
        if (retryAfterSeconds is { } seconds && !http.Response.HasStarted)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: Title(code, status),
            extensions: Extensions(code, http.TraceIdentifier, more));
    }

    // code and requestId always; members a responder added to its error body (e.g. deploy) beside them.
    private static Dictionary<string, object?> Extensions(string code, string requestId, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? more)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["requestId"] = requestId };
        foreach (var (name, value) in more ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            extensions.TryAdd(name, value);
        }
        return extensions;
    }

    /// <summary>The stable code for a status that came without one (e.g. a 404 of the router, a 405).</summary>
    public static string CodeFor(int status) => GenieErrors.CodeFor(status);

    // The contract's table; a code it does not know gets the status's reason phrase.
    private static string Title(string code, int status) => GenieErrors.TitleOf(code) ?? ReasonPhrases.GetReasonPhrase(status);
}
