using System.Net.Http.Headers;
using System.Text;

namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>
/// The workspace's OAuth machine-to-machine endpoints: discovery and the client_credentials token grant,
/// as the Databricks SDKs call them (client id/secret in HTTP Basic, or in the form).
/// </summary>
public static class OAuthApi
{
    public const string TokenPath = "/oidc/v1/token";
    private const string AllApis = "all-apis";

    public static WebApplication MapOAuthApi(this WebApplication app)
    {
        app.MapGet("/oidc/.well-known/oauth-authorization-server", Discovery).WithName("OAuthDiscovery");
        app.MapPost(TokenPath, IssueTokenAsync).WithName("OAuthToken").DisableAntiforgery();
        return app;
    }

    private static IResult Discovery(HttpRequest request)
    {
        var host = $"{request.Scheme}://{request.Host}";
        return TypedResults.Json(
            new AuthorizationServerMetadata(
                Issuer: host + "/oidc",
                AuthorizationEndpoint: host + "/oidc/v1/authorize",
                TokenEndpoint: host + TokenPath,
                JwksUri: host + "/oidc/jwks.json",
                GrantTypesSupported: ["client_credentials", "authorization_code", "refresh_token"],
                ResponseTypesSupported: ["code"],
                ScopesSupported: [AllApis, "offline_access"],
                TokenEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"]),
            EmulatorJsonContext.Relaxed.AuthorizationServerMetadata);
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, TokenStore tokens, ILoggerFactory loggers)
    {
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (clientId is null || clientSecret is null || !tokens.IsClient(clientId, clientSecret))
        {
            // Neither value is logged: a secret pasted into the id field must not end up in a log.
            loggers.CreateLogger(typeof(OAuthApi)).LogInformation("OAuth token refused: unknown client or wrong secret");
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed: unknown client or wrong secret.");
        }
        var grant = form["grant_type"].ToString();
        if (grant != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                grant.Length == 0 ? "grant_type is required; this workspace emulator supports client_credentials."
                                  : "Only the client_credentials grant is supported by this workspace emulator.");
        }
        var scope = form["scope"].ToString();
        if (scope.Length > 0 && !scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(AllApis))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope", "The requested scope is not supported; request scope all-apis.");
        }
        return TypedResults.Json(
            new OAuthTokenResponse(tokens.Issue(), "Bearer", (int)tokens.TokenLifetime.TotalSeconds, AllApis),
            EmulatorJsonContext.Relaxed.OAuthTokenResponse);
    }

    /// <summary>HTTP Basic (client_secret_basic) first, then the form fields (client_secret_post).</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        return (id.Length == 0 ? null : id, secret.Length == 0 ? null : secret);
    }

    private static IResult Error(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), EmulatorJsonContext.Relaxed.OAuthError, statusCode: status);
}
