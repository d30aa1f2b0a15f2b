using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.Bridge.Api;

/// <summary>Unknown /api/* and /health/* paths: a 404 ProblemDetails, never the SPA's index.html.</summary>
public static class NotFoundApi
{
    public static IEndpointRouteBuilder MapNotFoundApi(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{**path}", NotFound);
        app.Map("/health/{**path}", NotFound);
        return app;
    }

    public static ProblemHttpResult NotFound(HttpContext http) =>
        GenieProblems.Create(http, StatusCodes.Status404NotFound, Contracts.GenieErrorCodes.NotFound,
            $"There is no {http.Request.Method} {http.Request.Path} here. The API is GET /api/genie/get?space_id=..., POST /api/genie/get, GET and POST /api/genie/spaces, GET /api/genie/status, GET /api/workspace/warehouses|catalogs|schemas|tables, GET /api/config.");
}
