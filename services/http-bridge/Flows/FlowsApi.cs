using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// /api/flows (DESIGN.md v2): the canvas documents in JetStream KV. The ETag is the KV revision; a save names the
/// revision it replaces (If-Match) or says it creates (If-None-Match: *), so a save never overwrites another.
/// Input is checked before JetStream is asked anything; JetStream out of reach is 503 FLOWS_UNAVAILABLE.
/// </summary>
public static class FlowsApi
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flows").AddEndpointFilter(AnswerUnavailable);
        api.MapGet("", ListFlows);
        api.MapGet("/{name}", GetFlow);
        api.MapPut("/{name}", PutFlow);
        api.MapDelete("/{name}", DeleteFlow);
        return app;
    }

    /// <summary>GET /api/flows → {"flows":[{"name","revision","updated"}]}</summary>
    public static async Task<JsonHttpResult<FlowList>> ListFlows(FlowStore flows, CancellationToken cancellationToken) =>
        TypedResults.Json(new FlowList(await flows.ListAsync(cancellationToken)), FlowsJsonContext.Default.FlowList);

    /// <summary>GET /api/flows/{name} → the document as saved, ETag: "&lt;revision&gt;".</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetFlow(string name, HttpContext http, FlowStore flows)
    {
        if (!FlowName.TryValidate(name, out var problem))
        {
            return FlowProblems.InvalidRequest(http, problem);
        }
        if (await flows.GetAsync(name, http.RequestAborted) is not { } flow)
        {
            return FlowProblems.NotFound(http, name);
        }
        // Always revalidate: another tab or person may have saved since.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(flow.Document, "application/json", entityTag: new EntityTagHeaderValue(FlowETag.Format(flow.Revision)));
    }

    /// <summary>PUT /api/flows/{name}: If-None-Match: * creates (201), If-Match: "&lt;revision&gt;" replaces (200).</summary>
    public static async Task<Results<JsonHttpResult<FlowSaved>, ProblemHttpResult>> PutFlow(string name, HttpContext http, FlowStore flows)
    {
        if (!FlowName.TryValidate(name, out var problem))
        {
            return FlowProblems.InvalidRequest(http, problem);
        }
        var headers = http.Request.Headers;
        if (headers.IfMatch.Count == 0 && headers.IfNoneMatch.Count == 0)
        {
            return FlowProblems.Precondition(http);
        }
        if (headers.IfMatch.Count > 0 && headers.IfNoneMatch.Count > 0)
        {
            return FlowProblems.InvalidRequest(http, "Send If-None-Match: * (create) or If-Match: \"<revision>\" (replace), not both.");
        }
        ulong? revision = null;
        if (headers.IfMatch.Count > 0)
        {
            if (!FlowETag.TryParse(headers.IfMatch, out var parsed))
            {
                return FlowProblems.InvalidRequest(http, "If-Match must be one quoted revision, the ETag of the flow you read (e.g. \"12\").");
            }
            revision = parsed;
        }
        else if (headers.IfNoneMatch is not ["*"])
        {
            return FlowProblems.InvalidRequest(http, "To create a flow send If-None-Match: * (exactly).");
        }
        if (!http.Request.HasJsonContentType())
        {
            return FlowProblems.InvalidRequest(http, "A flow is sent as JSON: Content-Type: application/json.");
        }
        if (await ReadBodyAsync(http) is not { } document)
        {
            return FlowProblems.TooLarge(http);
        }
        if (!FlowDocument.TryValidate(document, out problem))
        {
            return FlowProblems.InvalidRequest(http, problem);
        }

        var saved = revision is { } expected
            ? await flows.ReplaceAsync(name, document, expected, http.RequestAborted)
            : await flows.CreateAsync(name, document, http.RequestAborted);
        if (saved is not { } newRevision)
        {
            var what = revision is { } stale ? $"Revision {stale} is not the latest" : "A flow of that name exists";
            return FlowProblems.ConflictWith(http, name, await flows.GetAsync(name, http.RequestAborted), what);
        }
        http.Response.Headers.ETag = FlowETag.Format(newRevision);
        if (revision is null)
        {
            http.Response.Headers.Location = "/api/flows/" + Uri.EscapeDataString(name);
        }
        return TypedResults.Json(new FlowSaved(name, newRevision), FlowsJsonContext.Default.FlowSaved,
            statusCode: revision is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>DELETE /api/flows/{name} (If-Match optional) → 204. The earlier revisions stay in the bucket's history.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteFlow(string name, HttpContext http, FlowStore flows)
    {
        if (!FlowName.TryValidate(name, out var problem))
        {
            return FlowProblems.InvalidRequest(http, problem);
        }
        ulong? revision = null;
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            if (!FlowETag.TryParse(http.Request.Headers.IfMatch, out var parsed))
            {
                return FlowProblems.InvalidRequest(http, "If-Match must be one quoted revision, the ETag of the flow you read (e.g. \"12\").");
            }
            revision = parsed;
        }
        if (await flows.GetAsync(name, http.RequestAborted) is null)
        {
            return FlowProblems.NotFound(http, name);
        }
        if (!await flows.DeleteAsync(name, revision, http.RequestAborted))
        {
            return FlowProblems.ConflictWith(http, name, await flows.GetAsync(name, http.RequestAborted), $"Revision {revision} is not the latest");
        }
        return TypedResults.NoContent();
    }

    // The whole body, up to the flow limit (the bridge's default request limit is much smaller); null when larger.
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > FlowDocument.MaxBytes)
        {
            return null;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = FlowDocument.MaxBytes;
        }
        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.Length > FlowDocument.MaxBytes ? null : buffer.ToArray();
    }

    // Every route: JetStream out of reach becomes the 503 problem, in one place.
    private static async ValueTask<object?> AnswerUnavailable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (FlowsUnavailableException unavailable)
        {
            return FlowProblems.FlowsUnavailable(context.HttpContext, unavailable);
        }
    }
}
