using System.Buffers;
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
/// /api/genie: validate first (400 before anything goes on the bus), then one NATS request; see DESIGN.md
/// "HTTP API of the bridge".
/// </summary>
public static class GenieApi
{
    public static IEndpointRouteBuilder MapGenieApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/genie");
        api.MapGet("/get", GetSpace);
        api.MapPost("/get", PostGetSpace);
        api.MapGet("/spaces", ListSpaces);
        api.MapGet("/status", GetStatus);
        return app;
    }

    /// <summary>GET /api/genie/get?space_id=…</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> GetSpace(
        [FromQuery(Name = "space_id")] string? spaceId, HttpContext http, GenieBus bus)
    {
        if (!SpaceId.TryValidate(spaceId, out var problem))
        {
            return GenieProblems.InvalidRequest(http, problem);
        }
        return await bus.RequestAsync(GenieSubjects.Get, GetSpaceBody(spaceId!), http);
    }

    /// <summary>POST /api/genie/get with <c>{"space_id": "…"}</c> (Content-Type: application/json).</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> PostGetSpace(
        HttpContext http, GenieBus bus, IOptions<BridgeOptions> options)
    {
        if (!http.Request.HasJsonContentType())
        {
            return GenieProblems.InvalidRequest(http, "POST /api/genie/get needs Content-Type: application/json and a body {\"space_id\": \"...\"}.");
        }

        GetSpaceRequest? request;
        try
        {
            request = await ReadGetSpaceRequestAsync(http);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return GenieProblems.BodyTooLarge(http, options.Value.MaxRequestBodyBytes);
        }
        catch (JsonException)
        {
            return GenieProblems.InvalidRequest(http, "The body must be a JSON object like {\"space_id\": \"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}.");
        }

        var spaceId = request?.SpaceId;
        if (!SpaceId.TryValidate(spaceId, out var problem))
        {
            return GenieProblems.InvalidRequest(http, problem);
        }
        // The bus gets the canonical body, never the caller's bytes (no smuggled extra or duplicate fields).
        return await bus.RequestAsync(GenieSubjects.Get, GetSpaceBody(spaceId!), http);
    }

    /// <summary>GET /api/genie/spaces?page_size=&amp;page_token=</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> ListSpaces(
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken, HttpContext http, GenieBus bus)
    {
        int? size = null;
        if (!string.IsNullOrEmpty(pageSize))
        {
            if (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > ListSpacesRequest.MaxPageSize)
            {
                return GenieProblems.InvalidRequest(http, $"page_size must be a whole number from 1 to {ListSpacesRequest.MaxPageSize}.");
            }
            size = parsed;
        }
        if (!string.IsNullOrEmpty(pageToken) && !ListSpacesRequest.IsValidPageToken(pageToken))
        {
            return GenieProblems.InvalidRequest(http,
                $"page_token must be the next_page_token of a previous page: at most {ListSpacesRequest.MaxPageTokenLength} characters of letters, digits and -_.=+/:~%.");
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ListSpacesRequest(size, string.IsNullOrEmpty(pageToken) ? null : pageToken), GenieJsonContext.Default.ListSpacesRequest);
        return await bus.RequestAsync(GenieSubjects.List, body, http);
    }

    /// <summary>GET /api/genie/status: the bus state and the responders seen, for the UI's status badge.</summary>
    public static async Task<Ok<GenieStatus>> GetStatus(ResponderDirectory responders, CancellationToken cancellationToken) =>
        TypedResults.Ok(await responders.GetStatusAsync(cancellationToken));

    // {"space_id":"<id>"}: the id is validated ([A-Za-z0-9_-], ≤ 128), so it needs no JSON escaping.
    private static byte[] GetSpaceBody(string spaceId)
    {
        ReadOnlySpan<byte> prefix = "{\"space_id\":\""u8;
        ReadOnlySpan<byte> suffix = "\"}"u8;
        var body = new byte[prefix.Length + spaceId.Length + suffix.Length];
        prefix.CopyTo(body);
        var written = System.Text.Encoding.ASCII.GetBytes(spaceId, body.AsSpan(prefix.Length));
        suffix.CopyTo(body.AsSpan(prefix.Length + written));
        return body;
    }

    // Reads the whole (size-limited by Kestrel) body, then deserializes it with the source-generated contract.
    private static async Task<GetSpaceRequest?> ReadGetSpaceRequestAsync(HttpContext http)
    {
        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(http.RequestAborted);
            if (read.IsCompleted)
            {
                try
                {
                    return Deserialize(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static GetSpaceRequest? Deserialize(ReadOnlySequence<byte> body)
    {
        var json = new Utf8JsonReader(body);
        var request = JsonSerializer.Deserialize(ref json, GenieJsonContext.Default.GetSpaceRequest);
        // Deserialize stops after the first value: anything but whitespace after it (`{…} junk`, `{…}{…}`) is a bad body.
        if (json.Read())
        {
            throw new JsonException("Unexpected content after the JSON object.");
        }
        return request;
    }
}
