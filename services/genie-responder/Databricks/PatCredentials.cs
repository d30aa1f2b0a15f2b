using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Databricks;

/// <summary>A personal access token, sent as <c>Bearer</c>.</summary>
public sealed class PatCredentials(IOptions<DatabricksOptions> options) : IDatabricksCredentials
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", options.Value.Token);

    public ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_header);
}
