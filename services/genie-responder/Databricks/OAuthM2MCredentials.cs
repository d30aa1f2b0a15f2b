using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// OAuth machine-to-machine, as the Databricks SDKs do it: client_credentials with scope <c>all-apis</c> at
/// <c>{host}/oidc/v1/token</c>, client id and secret in Basic auth. The token is cached and counted as expired
/// 40 s early; callers that find it expired share one refresh. A token Databricks refused (revoked) is dropped by
/// <see cref="RenewAsync"/>; callers refused with the same token share one new one.
/// </summary>
public sealed class OAuthM2MCredentials(
    IHttpClientFactory httpClientFactory,
    IOptions<DatabricksOptions> options,
    TimeProvider time,
    ILogger<OAuthM2MCredentials> logger) : IDatabricksCredentials, IDisposable
{
    public const string HttpClientName = "databricks-oidc";
    public const string TokenPath = "/oidc/v1/token";
    private static readonly TimeSpan ExpiryLeeway = TimeSpan.FromSeconds(40);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _token;

    public async ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_token is { } fresh && fresh.IsValidAt(time.GetUtcNow()))
        {
            return fresh.Header;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited behind the refresh finds the new token here.
            if (_token is { } refreshed && refreshed.IsValidAt(time.GetUtcNow()))
            {
                return refreshed.Header;
            }
            var token = await FetchAsync(cancellationToken);
            _token = token;
            return token.Header;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async ValueTask<AuthenticationHeaderValue?> RenewAsync(AuthenticationHeaderValue rejected, CancellationToken cancellationToken)
    {
        // Only the token that was refused: a caller whose 401 arrives after another already renewed it uses the new one.
        if (_token is { } cached && ReferenceEquals(cached.Header, rejected))
        {
            Interlocked.CompareExchange(ref _token, null, cached);
            logger.LogWarning("Databricks refused the cached OAuth M2M access token (HTTP 401); fetching a new one");
        }
        return await GetAuthorizationAsync(cancellationToken);
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var databricks = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, databricks.Host + TokenPath)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "all-apis")]),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{databricks.ClientId}:{databricks.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        var http = httpClientFactory.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new DatabricksAuthRejectedException(status);
        }
        if (!response.IsSuccessStatusCode)
        {
            // 429 and 5xx: transient for the retry pipeline around the API call.
            throw new HttpRequestException($"The Databricks token endpoint answered {status}.", null, response.StatusCode);
        }

        OidcTokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(OidcJsonContext.Default.OidcTokenResponse, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        if (body?.AccessToken is not { Length: > 0 } accessToken)
        {
            throw new HttpRequestException("The Databricks token endpoint answered without an access token.");
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn ?? 3600);
        logger.LogInformation("Obtained an OAuth M2M access token from {TokenPath}, valid for {Lifetime} s", TokenPath, (int)lifetime.TotalSeconds);
        var header = new AuthenticationHeaderValue(string.IsNullOrWhiteSpace(body.TokenType) ? "Bearer" : body.TokenType, accessToken);
        return new CachedToken(header, time.GetUtcNow() + lifetime - ExpiryLeeway);
    }

    private sealed record CachedToken(AuthenticationHeaderValue Header, DateTimeOffset RefreshAt)
    {
        public bool IsValidAt(DateTimeOffset now) => now < RefreshAt;
    }
}
