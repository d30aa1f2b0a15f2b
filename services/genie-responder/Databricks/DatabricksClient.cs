using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// Typed HttpClient for the two Databricks calls the responder makes. The resilience pipeline (budget, retry,
/// attempt timeout) and the auth handler sit in front of it; this class turns answers and failures into results.
/// </summary>
public sealed class DatabricksClient(
    HttpClient http,
    IOptions<DatabricksOptions> databricks,
    IOptions<ResponderOptions> responder,
    TimeProvider time)
{
    /// <summary>How messages name what was asked for.</summary>
    public const string SpaceList = "the list of Genie spaces";

    public static string Space(string spaceId) => $"Genie space '{spaceId}'";

    /// <summary>
    /// <c>GET /api/2.0/data-rooms/{id}</c>: the space as <c>genie_get</c> reads it. The call ends at
    /// <paramref name="deadline"/> (the request's, set when it arrived) or when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task<UpstreamResult> GetSpaceAsync(string spaceId, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        GetJsonAsync($"api/2.0/data-rooms/{Uri.EscapeDataString(spaceId)}", Space(spaceId), deadline, cancellationToken);

    /// <summary><c>GET /api/2.0/genie/spaces?page_size&amp;page_token</c>, ending at <paramref name="deadline"/> like a get.</summary>
    public Task<UpstreamResult> ListSpacesAsync(int? pageSize, string? pageToken, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("page_size=" + size.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(pageToken))
        {
            query.Add("page_token=" + Uri.EscapeDataString(pageToken));
        }
        var path = "api/2.0/genie/spaces" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return GetJsonAsync(path, SpaceList, deadline, cancellationToken);
    }

    private async Task<UpstreamResult> GetJsonAsync(string path, string what, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var budget = responder.Value.TotalBudget;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        // The pipeline's budget and retry strategies read what is left of the request's time from here.
        RetryBudget.SetDeadline(request, deadline);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return UpstreamResult.Failure(
                    DatabricksErrorMapper.FromResponse(response, body, what, databricks.Value.DescribeAuth(), time.GetUtcNow()), status);
            }
            return ParseObject(body) is { } json
                ? UpstreamResult.Success(json, status)
                : UpstreamResult.Failure(DatabricksErrorMapper.Unreadable(what), status);
        }
        catch (TimeoutRejectedException)
        {
            return UpstreamResult.Failure(DatabricksErrorMapper.Timeout(what, budget));
        }
        catch (DatabricksAuthRejectedException e)
        {
            return UpstreamResult.Failure(DatabricksErrorMapper.AuthRejected(databricks.Value.DescribeAuth(), e.Status), e.Status);
        }
        catch (HttpRequestException e)
        {
            return UpstreamResult.Failure(DatabricksErrorMapper.Unreachable(what), e.StatusCode is { } code ? (int)code : null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The request's deadline passed a moment before the pipeline's own budget timeout (or shutdown abandoned it).
            return UpstreamResult.Failure(DatabricksErrorMapper.Timeout(what, budget));
        }
    }

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
