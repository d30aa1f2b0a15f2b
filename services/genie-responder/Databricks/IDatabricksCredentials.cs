using System.Net.Http.Headers;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Supplies the Authorization header of one Databricks request.</summary>
public interface IDatabricksCredentials
{
    ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Databricks answered 401 to <paramref name="rejected"/>: a new header to retry with once, or null when this
    /// method has nothing newer to offer (a personal access token stays what it is).
    /// </summary>
    ValueTask<AuthenticationHeaderValue?> RenewAsync(AuthenticationHeaderValue rejected, CancellationToken cancellationToken) =>
        ValueTask.FromResult<AuthenticationHeaderValue?>(null);
}
