using System.Globalization;
using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Fixture;
using Microsoft.AspNetCore.Mvc;

namespace GenieCanvas.DatabricksEmulator.Databricks;

/// <summary>
/// The Databricks REST paths the responder uses. Auth, counting and faults happen before these handlers
/// (<see cref="DatabricksGate"/>), so a handler only answers from the fixture.
/// </summary>
public static class DatabricksApi
{
    /// <summary>page_size when the caller sends none (or 0), and the largest one accepted.</summary>
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static WebApplication MapDatabricksApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/2.0");
        api.MapGet("/data-rooms/{id}", GetDataRoom).WithName("GetDataRoom");
        api.MapGet("/genie/spaces", ListSpaces).WithName("ListGenieSpaces");
        api.MapGet("/genie/spaces/{id}", GetGenieSpace).WithName("GetGenieSpace");
        // Anything else under /api or /oidc answers as Databricks does for an unknown endpoint.
        app.MapFallback("/api/{**rest}", EndpointNotFound);
        app.MapFallback("/oidc/{**rest}", EndpointNotFound);
        return app;
    }

    private static IResult EndpointNotFound(HttpContext context) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.EndpointNotFound,
        $"No API found for '{context.Request.Method} {context.Request.Path}'");

    private static IResult GetDataRoom(string id, HttpContext context, SpaceCatalog catalog, RuntimeSettings settings) =>
        !settings.DataRoomsEnabled ? EndpointNotFound(context) // a workspace without the internal API
        : catalog.TryGet(id, out var space) ? Results.Bytes(space.DataRoom, "application/json")
        : SpaceNotFound(id);

    private static IResult GetGenieSpace(string id, [FromQuery(Name = "include_serialized_space")] string? includeSerialized, SpaceCatalog catalog)
    {
        bool withSerialized;
        switch (includeSerialized)
        {
            case null or "" or "false": withSerialized = false; break;
            case "true": withSerialized = true; break;
            default:
                return InvalidParameter($"Invalid value for include_serialized_space: '{includeSerialized}'. Expected true or false.");
        }
        return catalog.TryGet(id, out var space)
            ? Results.Bytes(withSerialized ? space.GenieSpaceWithSerialized : space.GenieSpace, "application/json")
            : SpaceNotFound(id);
    }

    private static IResult ListSpaces([FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken, SpaceCatalog catalog)
    {
        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize))
        {
            if (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size > MaxPageSize)
            {
                return InvalidParameter($"Invalid page_size '{pageSize}': expected an integer from 0 to {MaxPageSize} (0 means the default, {DefaultPageSize}).");
            }
            if (size == 0)
            {
                size = DefaultPageSize;
            }
        }
        var offset = 0;
        if (!string.IsNullOrEmpty(pageToken) && !PageToken.TryDecode(pageToken, catalog.Count, out offset))
        {
            return InvalidParameter("Invalid page_token: pass back a next_page_token from a previous response, unchanged.");
        }
        return Results.Bytes(catalog.ListPage(offset, size), "application/json");
    }

    private static IResult SpaceNotFound(string id) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, DatabricksErrors.SpaceNotFound(id));

    private static IResult InvalidParameter(string message) => DatabricksErrors.Result(
        StatusCodes.Status400BadRequest, DatabricksErrors.InvalidParameterValue, message);
}
