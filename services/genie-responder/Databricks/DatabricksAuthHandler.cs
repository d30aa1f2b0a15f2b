using System.Net;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// Adds the Authorization header on every attempt (inside the retry pipeline, so a refreshed token is used on retries).
/// A 401 to an OAuth token (revoked before it expired) drops it and sends the call once more with a new one; a second
/// 401 is the answer (UPSTREAM_AUTH). Not a loop, and a personal access token is not retried.
/// </summary>
public sealed class DatabricksAuthHandler(IDatabricksCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var used = await credentials.GetAuthorizationAsync(cancellationToken);
        request.Headers.Authorization = used;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || await credentials.RenewAsync(used, cancellationToken) is not { } renewed)
        {
            return response;
        }
        response.Dispose();
        request.Headers.Authorization = renewed;
        return await base.SendAsync(request, cancellationToken);
    }
}
