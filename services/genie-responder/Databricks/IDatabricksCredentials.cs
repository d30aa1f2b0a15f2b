using System.Net.Http.Headers;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Supplies the Authorization header of one Databricks request.</summary>
public interface IDatabricksCredentials
{
    ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken);
}
