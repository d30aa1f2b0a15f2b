using GenieCanvas.DatabricksEmulator.Databricks;

namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> on every /api path; otherwise 401 UNAUTHENTICATED with the
/// messages a workspace gives. The token itself never appears in a reply or a log.
/// </summary>
public static class BearerAuth
{
    public static Task? Reject(HttpContext context, TokenStore tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return Unauthenticated(context, "Credential was not sent or was of an unsupported type for this API.");
        }
        return tokens.Check(header["Bearer ".Length..].Trim()) switch
        {
            TokenCheck.Valid => null,
            TokenCheck.Expired => Unauthenticated(context, "Token expired. Get a new access token and try again."),
            _ => Unauthenticated(context, "Invalid access token."),
        };
    }

    private static Task Unauthenticated(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return DatabricksErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, DatabricksErrors.Unauthenticated, message);
    }
}
