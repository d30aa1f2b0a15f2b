using System.Text.Json;

namespace GenieCanvas.DatabricksEmulator.Databricks;

/// <summary>
/// Databricks' status ↔ error_code table (databricks-sdk-go openapi/errors.go) and the writer of error bodies.
/// </summary>
public static class DatabricksErrors
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string PermissionDenied = "PERMISSION_DENIED";

    /// <summary>The code a real workspace would most likely send with <paramref name="status"/>.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => Unauthenticated,
        403 => "PERMISSION_DENIED",
        404 => ResourceDoesNotExist,
        409 => "RESOURCE_CONFLICT",
        429 => "REQUEST_LIMIT_EXCEEDED",
        499 => "CANCELLED",
        500 => "INTERNAL_ERROR",
        501 => "NOT_IMPLEMENTED",
        503 => "TEMPORARILY_UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        < 500 => "BAD_REQUEST",
        _ => "INTERNAL_ERROR",
    };

    /// <summary>A message in Databricks' tone for an injected error that came without one.</summary>
    public static string MessageFor(int status, string? spaceId) => status switch
    {
        401 => "Invalid access token.",
        403 => spaceId is null
            ? "You do not have permission to perform this action."
            : $"User does not have permission to view space [{spaceId}].",
        404 => spaceId is null ? "The requested resource does not exist." : SpaceNotFound(spaceId),
        429 => "Too many requests. Please wait a moment and try again.",
        500 => "Internal server error.",
        503 => "The service is temporarily unavailable. Please try again later.",
        504 => "The request timed out. Please try again later or try a faster operation.",
        _ => $"The emulated workspace answered with status {status}.",
    };

    /// <summary>The message a real workspace gives for a missing space (databricks-sdk-py issue 1073).</summary>
    public static string SpaceNotFound(string spaceId) =>
        $"Unable to get space [{spaceId}]. Caused by Node with resource name Some(datarooms/{spaceId}) does not exist.";

    public static Task WriteAsync(HttpContext context, int status, string errorCode, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            context.Response.Body, new DatabricksError(errorCode, message), EmulatorJsonContext.Relaxed.DatabricksError,
            context.RequestAborted);
    }

    public static IResult Result(int status, string errorCode, string message) =>
        TypedResults.Json(new DatabricksError(errorCode, message), EmulatorJsonContext.Relaxed.DatabricksError, statusCode: status);
}
