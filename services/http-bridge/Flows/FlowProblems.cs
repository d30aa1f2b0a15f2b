using GenieCanvas.Bridge.Api;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// The flows API's errors, ProblemDetails with <c>code</c> and <c>requestId</c> like every bridge error
/// (<see cref="GenieProblems"/>). The codes of its own are HTTP-only (nothing about flows goes on the bus as a request).
/// </summary>
public static class FlowProblems
{
    /// <summary>412: the flow changed (or was created, or deleted) since the revision the caller had.</summary>
    public const string Conflict = "FLOW_CONFLICT";

    /// <summary>428: a PUT without If-None-Match: * or If-Match: "&lt;revision&gt;".</summary>
    public const string PreconditionRequired = "PRECONDITION_REQUIRED";

    /// <summary>503: JetStream cannot be reached (not connected, no JetStream, no leader, timeout).</summary>
    public const string Unavailable = "FLOWS_UNAVAILABLE";

    public static ProblemHttpResult InvalidRequest(HttpContext http, string detail) => GenieProblems.InvalidRequest(http, detail);

    public static ProblemHttpResult TooLarge(HttpContext http) =>
        GenieProblems.Create(http, StatusCodes.Status413PayloadTooLarge, GenieErrorCodes.InvalidRequest,
            $"A flow document may be at most {FlowDocument.MaxBytes / 1024} KiB.");

    public static ProblemHttpResult NotFound(HttpContext http, string name) =>
        GenieProblems.Create(http, StatusCodes.Status404NotFound, GenieErrorCodes.NotFound, $"There is no flow named '{name}'.");

    public static ProblemHttpResult Precondition(HttpContext http) =>
        Titled(GenieProblems.Create(http, StatusCodes.Status428PreconditionRequired, PreconditionRequired,
            "Say which save this is: If-None-Match: * to create a new flow, or If-Match: \"<revision>\" (the ETag you read) to replace it."),
            "Precondition required");

    /// <summary>412, with the flow's current revision (null when it does not exist) so the UI can offer "reload theirs".</summary>
    public static ProblemHttpResult ConflictWith(HttpContext http, string name, FlowEntry? current, string what)
    {
        var detail = current is null
            ? $"{what}: the flow '{name}' does not exist (any more). Nothing was changed."
            : $"{what}: the flow '{name}' is now at revision {current.Revision}. Nothing was changed; reload it, or save yours under another name.";
        var problem = Titled(GenieProblems.Create(http, StatusCodes.Status412PreconditionFailed, Conflict, detail), "Flow conflict");
        problem.ProblemDetails.Extensions["currentRevision"] = current?.Revision;
        return problem;
    }

    public static ProblemHttpResult FlowsUnavailable(HttpContext http, FlowsUnavailableException unavailable) =>
        Titled(GenieProblems.Create(http, StatusCodes.Status503ServiceUnavailable, Unavailable, unavailable.Message,
            retryAfterSeconds: unavailable.RetryAfterSeconds), "Flow store unavailable");

    private static ProblemHttpResult Titled(ProblemHttpResult problem, string title)
    {
        problem.ProblemDetails.Title = title;
        return problem;
    }
}
