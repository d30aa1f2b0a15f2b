using GenieCanvas.Contracts;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// The two operations behind the endpoints, on validated input. Identical concurrent gets share one upstream call.
/// At most <see cref="ResponderOptions.MaxConcurrency"/> Databricks calls run at once: the limit is on calls, not on
/// requests, so requests that join a call already under way (however many) wait for it without taking a slot.
/// </summary>
public sealed class GenieOperations(DatabricksClient databricks, IOptions<ResponderOptions> options) : IDisposable
{
    private readonly SingleFlight<GenieOutcome> _gets = new();
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);

    public Task<GenieOutcome> GetSpaceAsync(string spaceId, CancellationToken cancellationToken) =>
        _gets.RunAsync(spaceId, async () =>
        {
            var result = await CallAsync(() => databricks.GetSpaceAsync(spaceId, cancellationToken), cancellationToken);
            return result.Json is { } space
                ? new GenieOutcome(SpaceNormalizer.Normalize(space, spaceId), null, result.Status)
                : new GenieOutcome(null, result.Error, result.Status);
        });

    public async Task<GenieOutcome> ListSpacesAsync(ListSpacesRequest request, CancellationToken cancellationToken)
    {
        var result = await CallAsync(() => databricks.ListSpacesAsync(request.PageSize, request.PageToken, cancellationToken), cancellationToken);
        if (result.Json is not { } page)
        {
            return new GenieOutcome(null, result.Error, result.Status);
        }
        // Unknown fields of each item pass through; a missing list is an empty one.
        page["spaces"] ??= new System.Text.Json.Nodes.JsonArray();
        return new GenieOutcome(System.Text.Encoding.UTF8.GetBytes(page.ToJsonString()), null, result.Status);
    }

    public void Dispose() => _calls.Dispose();

    private async Task<UpstreamResult> CallAsync(Func<Task<UpstreamResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            await _calls.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Only when shutdown outlasted its grace period.
            return UpstreamResult.Failure(new GenieError(503, GenieErrorCodes.ServiceUnavailable, "The responder is shutting down; retry the request."));
        }
        try
        {
            return await call();
        }
        finally
        {
            _calls.Release();
        }
    }
}
