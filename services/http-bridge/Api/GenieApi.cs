using System.Globalization;
using System.Text.Json;
using GenieCanvas.Bridge.Bus;
using GenieCanvas.Bridge.Options;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Api;

/// <summary>
/// /api/genie: validate first (400 before anything goes on the bus), then forward the contract record to its bus
/// operation with <see cref="BusForwarder"/>; see DESIGN.md "HTTP API of the bridge". <see cref="ListSpaces"/> is
/// the smallest example of a route.
/// </summary>
public static class GenieApi
{
    public static IEndpointRouteBuilder MapGenieApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/genie");
        api.MapGet("/get", GetSpace);
        api.MapPost("/get", PostGetSpace);
        api.MapGet("/spaces", ListSpaces);
        api.MapPost("/spaces", CreateSpace).WithMetadata(new RequestSizeLimitAttribute(CreateBodyLimit));
        api.MapGet("/status", GetStatus);
        api.MapPost("/ask", AskApi.AskAsync);
        return app;
    }

    /// <summary>GET /api/genie/spaces?page_size=&amp;page_token= → genie.list</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> ListSpaces(
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken, HttpContext http, BusForwarder bus)
    {
        int? size = null;
        if (!string.IsNullOrEmpty(pageSize))
        {
            if (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > ListSpacesRequest.MaxPageSize)
            {
                return Problem(GenieProblems.InvalidRequest(http, $"page_size must be a whole number from 1 to {ListSpacesRequest.MaxPageSize}."));
            }
            size = parsed;
        }
        if (!string.IsNullOrEmpty(pageToken) && !ListSpacesRequest.IsValidPageToken(pageToken))
        {
            return Problem(GenieProblems.InvalidRequest(http,
                $"page_token must be the next_page_token of a previous page: at most {ListSpacesRequest.MaxPageTokenLength} characters of letters, digits and -_.=+/:~%."));
        }
        var request = new ListSpacesRequest(size, string.IsNullOrEmpty(pageToken) ? null : pageToken);
        return bus.ForwardAsync(GenieSubjects.List, request, GenieJsonContext.Default.ListSpacesRequest, http);
    }

    /// <summary>A create body holds up to 30 tables, 10 questions, 4,000 + 10,000 characters of text: more than the 4 KB of a get.</summary>
    public const int CreateBodyLimit = 128 * 1024;

    /// <summary>POST /api/genie/spaces with a <see cref="CreateSpaceRequest"/> → genie.create; 201 and <c>Location: /api/genie/get?space_id=…</c>.</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> CreateSpace(HttpContext http, BusForwarder bus)
    {
        if (!http.Request.HasJsonContentType())
        {
            return GenieProblems.InvalidRequest(http, "POST /api/genie/spaces needs Content-Type: application/json and a body {\"title\", \"warehouse_id\", \"table_identifiers\": [...]}.");
        }
        CreateSpaceRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(GenieJsonContext.Default.CreateSpaceRequest, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return GenieProblems.Create(http, StatusCodes.Status413PayloadTooLarge, GenieErrorCodes.InvalidRequest,
                $"The request body is larger than {CreateBodyLimit / 1024} KiB, more than a space's title, description, 30 tables, 10 questions and instructions need.");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is { Length: > 2 } path ? $" (at {path})" : string.Empty;
            return GenieProblems.InvalidRequest(http, $"The body must be a JSON object like {{\"title\": \"Sales\", \"warehouse_id\": \"…\", \"table_identifiers\": [\"main.sales.orders\"]}}{at}.");
        }
        if (request is null)
        {
            return GenieProblems.InvalidRequest(http, "The body is JSON null; send a JSON object.");
        }
        if (!request.TryValidate(out var problem))
        {
            return GenieProblems.InvalidRequest(http, problem);
        }

        var result = await bus.ForwardAsync(GenieSubjects.Create, request, GenieJsonContext.Default.CreateSpaceRequest, http);
        if (result.Result is BusReplyResult reply && CreatedId(reply.Body) is { } id)
        {
            return reply.Created("/api/genie/get?space_id=" + Uri.EscapeDataString(id));
        }
        return result;
    }

    private static string? CreatedId(ReadOnlyMemory<byte> reply)
    {
        try
        {
            var space = JsonSerializer.Deserialize(reply.Span, GenieJsonContext.Default.GetSpaceRequest);
            return SpaceId.TryValidate(space?.SpaceId, out _) ? space!.SpaceId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>GET /api/genie/get?space_id=… → genie.get</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> GetSpace(
        [FromQuery(Name = "space_id")] string? spaceId, HttpContext http, BusForwarder bus) =>
        SpaceId.TryValidate(spaceId, out var problem)
            ? bus.ForwardAsync(GenieSubjects.Get, new GetSpaceRequest(spaceId), GenieJsonContext.Default.GetSpaceRequest, http)
            : Problem(GenieProblems.InvalidRequest(http, problem));

    /// <summary>POST /api/genie/get with <c>{"space_id": "…"}</c> (Content-Type: application/json) → genie.get</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> PostGetSpace(
        HttpContext http, BusForwarder bus, IOptions<BridgeOptions> options)
    {
        if (!http.Request.HasJsonContentType())
        {
            return GenieProblems.InvalidRequest(http, "POST /api/genie/get needs Content-Type: application/json and a body {\"space_id\": \"...\"}.");
        }

        GetSpaceRequest? request;
        try
        {
            // The contract record, source-generated; trailing content after the object (`{…}{…}`) is refused too.
            request = await http.Request.ReadFromJsonAsync(GenieJsonContext.Default.GetSpaceRequest, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return GenieProblems.BodyTooLarge(http, options.Value.MaxRequestBodyBytes);
        }
        catch (JsonException)
        {
            return GenieProblems.InvalidRequest(http, "The body must be a JSON object like {\"space_id\": \"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}.");
        }

        if (!SpaceId.TryValidate(request?.SpaceId, out var problem))
        {
            return GenieProblems.InvalidRequest(http, problem);
        }
        // The bus gets the canonical body, never the caller's bytes (no smuggled extra or duplicate fields).
        return await bus.ForwardAsync(GenieSubjects.Get, new GetSpaceRequest(request!.SpaceId), GenieJsonContext.Default.GetSpaceRequest, http);
    }

    /// <summary>GET /api/genie/status: the bus state and the responders seen, for the UI's status badge.</summary>
    public static async Task<Ok<GenieStatus>> GetStatus(ResponderDirectory responders, CancellationToken cancellationToken) =>
        TypedResults.Ok(await responders.GetStatusAsync(cancellationToken));

    private static Task<Results<BusReplyResult, ProblemHttpResult>> Problem(ProblemHttpResult problem) =>
        Task.FromResult<Results<BusReplyResult, ProblemHttpResult>>(problem);
}
