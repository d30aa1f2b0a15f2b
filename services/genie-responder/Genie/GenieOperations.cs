using GenieCanvas.Contracts;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Genie;

/// <summary>The two operations behind the endpoints, on validated input. Identical concurrent gets share one upstream call.</summary>
public sealed class GenieOperations(DatabricksClient databricks)
{
    private readonly SingleFlight<GenieOutcome> _gets = new();

    public Task<GenieOutcome> GetSpaceAsync(string spaceId, CancellationToken cancellationToken) =>
        _gets.RunAsync(spaceId, async () =>
        {
            var result = await databricks.GetSpaceAsync(spaceId, cancellationToken);
            return result.Json is { } space
                ? new GenieOutcome(SpaceNormalizer.Normalize(space, spaceId), null, result.Status)
                : new GenieOutcome(null, result.Error, result.Status);
        });

    public async Task<GenieOutcome> ListSpacesAsync(ListSpacesRequest request, CancellationToken cancellationToken)
    {
        var result = await databricks.ListSpacesAsync(request.PageSize, request.PageToken, cancellationToken);
        if (result.Json is not { } page)
        {
            return new GenieOutcome(null, result.Error, result.Status);
        }
        // Unknown fields of each item pass through; a missing list is an empty one.
        page["spaces"] ??= new System.Text.Json.Nodes.JsonArray();
        return new GenieOutcome(System.Text.Encoding.UTF8.GetBytes(page.ToJsonString()), null, result.Status);
    }
}
