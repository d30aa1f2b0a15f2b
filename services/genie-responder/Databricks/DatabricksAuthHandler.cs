namespace GenieCanvas.Responder.Databricks;

/// <summary>Adds the Authorization header on every attempt (inside the retry pipeline, so a refreshed token is used on retries).</summary>
public sealed class DatabricksAuthHandler(IDatabricksCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = await credentials.GetAuthorizationAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
