using GenieCanvas.Contracts;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// The two operations behind the endpoints, on validated input. Identical concurrent gets share one upstream call.
/// At most <see cref="ResponderOptions.MaxConcurrency"/> Databricks calls run at once: the limit is on calls, not on
/// requests, so requests that join a call already under way (however many) wait for it without taking a slot.
/// Every wait here ends at the request's <see cref="RequestDeadline"/>, and so does the call.
/// </summary>
public sealed class GenieOperations(DatabricksClient databricks, IOptions<ResponderOptions> options) : IDisposable
{
    /// <summary>Less than this left once a call slot is free is not worth a call (as for a retry): answer at once instead.</summary>
    private static readonly TimeSpan MinimumCallWindow = TimeSpan.FromMilliseconds(250);

    private readonly SingleFlight<GenieOutcome> _gets = new();
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);

    public async Task<GenieOutcome> GetSpaceAsync(string spaceId, RequestDeadline deadline)
    {
        var what = DatabricksClient.Space(spaceId);
        try
        {
            // The call runs on the deadline of the request that started it; one that joins stops waiting at its own.
            return await _gets.RunAsync(spaceId, deadline.Token, async () =>
            {
                var result = await CallAsync(token => databricks.GetSpaceAsync(spaceId, deadline.At, token), what, deadline);
                return result.Json is { } space
                    ? new GenieOutcome(SpaceNormalizer.Normalize(space, spaceId), null, result.Status)
                    : new GenieOutcome(null, result.Error, result.Status);
            });
        }
        catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested)
        {
            // Only a request that joined a shared call gets here; that call goes on for the others.
            return new GenieOutcome(null, deadline.Abandoned ? ShuttingDown : DatabricksErrorMapper.Timeout(what, deadline.Budget), null);
        }
    }

    public async Task<GenieOutcome> ListSpacesAsync(ListSpacesRequest request, RequestDeadline deadline)
    {
        var result = await CallAsync(
            token => databricks.ListSpacesAsync(request.PageSize, request.PageToken, deadline.At, token), DatabricksClient.SpaceList, deadline);
        if (result.Json is not { } page)
        {
            return new GenieOutcome(null, result.Error, result.Status);
        }
        // Unknown fields of each item pass through; a missing list is an empty one.
        page["spaces"] ??= new System.Text.Json.Nodes.JsonArray();
        return new GenieOutcome(System.Text.Encoding.UTF8.GetBytes(page.ToJsonString()), null, result.Status);
    }

    public void Dispose() => _calls.Dispose();

    private static GenieError ShuttingDown { get; } =
        new(503, GenieErrorCodes.ServiceUnavailable, "The responder is shutting down; retry the request.");

    private async Task<UpstreamResult> CallAsync(Func<CancellationToken, Task<UpstreamResult>> call, string what, RequestDeadline deadline)
    {
        var token = deadline.Token;
        try
        {
            await _calls.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return UpstreamResult.Failure(deadline.Abandoned ? ShuttingDown : SaturatedError.For(what, deadline.Budget));
        }
        try
        {
            if (deadline.Remaining < MinimumCallWindow)
            {
                return UpstreamResult.Failure(deadline.Abandoned ? ShuttingDown : SaturatedError.For(what, deadline.Budget));
            }
            return await call(token);
        }
        finally
        {
            _calls.Release();
        }
    }
}
