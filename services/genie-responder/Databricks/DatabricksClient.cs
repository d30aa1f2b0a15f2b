using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.Responder.Bus;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// Typed HttpClient for the Databricks calls of the operations. The resilience pipeline (retry, attempt timeout) and
/// the auth handler sit in front of it. At most <see cref="ResponderOptions.MaxConcurrency"/> calls run at once (the
/// bound is on calls, not requests: requests that join a shared call take no slot). Every call ends at the request's
/// <see cref="RequestDeadline"/>, the one clock. A success is the JSON object and its status; a failure throws
/// <see cref="OutcomeException"/> with the error reply.
/// </summary>
public sealed partial class DatabricksClient(
    HttpClient http, DatabricksCallSlots slots, IOptions<DatabricksOptions> databricks, TimeProvider time, ResponderTelemetry telemetry)
{
    /// <summary>How messages name what was asked for.</summary>
    public const string SpaceList = "the list of Genie spaces";

    /// <summary>The largest Databricks answer read (larger where a later operation needs it): beyond it, 502 "answer too large".</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Less than this left once a call slot is free is not worth a call (as for a retry): answer at once instead.</summary>
    private static readonly TimeSpan MinimumCallWindow = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _calls = slots.Slots;

    public static string Space(string spaceId) => $"Genie space '{spaceId}'";

    /// <summary><c>GET /api/2.0/data-rooms/{id}</c>: the space as <c>genie_get</c> reads it.</summary>
    public Task<(JsonObject Json, int Status)> GetSpaceAsync(string spaceId, RequestDeadline deadline) =>
        GetAsync($"api/2.0/data-rooms/{Uri.EscapeDataString(spaceId)}", Space(spaceId), deadline);

    /// <summary>
    /// <c>GET /api/2.0/data-rooms/{id}</c>, or null Json when this workspace has no such endpoint (404
    /// <c>ENDPOINT_NOT_FOUND</c>, 410, 501): the caller then reads the public API instead.
    /// </summary>
    public Task<(JsonObject? Json, int Status)> TryGetDataRoomAsync(string spaceId, RequestDeadline deadline) =>
        CallAsync(new Call(HttpMethod.Get, $"api/2.0/data-rooms/{Uri.EscapeDataString(spaceId)}", Space(spaceId), Kind: CallKind.EndpointMayBeMissing), deadline);

    /// <summary><c>GET /api/2.0/genie/spaces/{id}[?include_serialized_space=true]</c>: the public GenieSpace.</summary>
    public Task<(JsonObject Json, int Status)> GetPublicSpaceAsync(string spaceId, bool includeSerialized, RequestDeadline deadline) =>
        GetAsync($"api/2.0/genie/spaces/{Uri.EscapeDataString(spaceId)}" + (includeSerialized ? "?include_serialized_space=true" : string.Empty),
            Space(spaceId), deadline);

    /// <summary>
    /// <c>POST /api/2.0/genie/spaces</c>. Retried only on 429/503 (refused before any work; every POST is, see
    /// <see cref="DatabricksRetry"/>), so a space is never created twice; a refusal (400/403/404/409) is answered with
    /// Databricks' own reason.
    /// </summary>
    public Task<(JsonObject Json, int Status)> CreateSpaceAsync(JsonObject body, string what, RequestDeadline deadline) =>
        SendJsonAsync(new Call(HttpMethod.Post, "api/2.0/genie/spaces", what, body, Kind: CallKind.Create), deadline);

    /// <summary><c>GET /api/2.0/genie/spaces?page_size&amp;page_token</c>.</summary>
    public Task<(JsonObject Json, int Status)> ListSpacesAsync(int? pageSize, string? pageToken, RequestDeadline deadline)
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
        return GetAsync(path, SpaceList, deadline);
    }

    /// <summary>Any read (<paramref name="path"/> relative to the host, query escaped by the caller); <paramref name="what"/> names it in messages.</summary>
    public Task<(JsonObject Json, int Status)> GetAsync(string path, string what, RequestDeadline deadline) =>
        SendJsonAsync(new Call(HttpMethod.Get, path, what), deadline);

    /// <summary>
    /// Any Databricks call with an optional JSON body (POST, PATCH, DELETE …), under the same slots, pipeline and
    /// deadline as the gets. A write that answers an empty body counts as <c>{}</c>.
    /// </summary>
    public Task<(JsonObject Json, int Status)> SendJsonAsync(HttpMethod method, string path, JsonNode? body, string what, RequestDeadline deadline) =>
        SendJsonAsync(new Call(method, path, what, body), deadline);

    /// <summary>How a call treats a failure: a plain call, a read of an endpoint a workspace may lack, a create.</summary>
    private enum CallKind
    {
        Plain,
        EndpointMayBeMissing,
        Create,
    }

    /// <summary>
    /// One Databricks call: its method and path, its JSON body (if any), its answer cap, whether the caller handles 429
    /// itself (then the pipeline does not retry it: an ask waits and tells its caller), and how failures are read.
    /// </summary>
    private sealed record Call(
        HttpMethod Method, string Path, string What, JsonNode? Body = null, int MaxBytes = MaxBodyBytes,
        bool CallerHandlesRateLimit = false, CallKind Kind = CallKind.Plain);

    private async Task<(JsonObject Json, int Status)> SendJsonAsync(Call call, RequestDeadline deadline)
    {
        var (json, status) = await CallAsync(call, deadline);
        return (json!, status);
    }

    private async Task<(JsonObject? Json, int Status)> CallAsync(Call call, RequestDeadline deadline)
    {
        var what = call.What;
        var token = deadline.Token;
        try
        {
            await _calls.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new OutcomeException(deadline.Abandoned ? OperationDispatcher.ShuttingDown : OperationDispatcher.Saturated(what, deadline.Budget));
        }
        try
        {
            if (deadline.Remaining < MinimumCallWindow)
            {
                throw new OutcomeException(deadline.Abandoned ? OperationDispatcher.ShuttingDown : OperationDispatcher.Saturated(what, deadline.Budget));
            }
            return await SendAsync(call, deadline);
        }
        finally
        {
            _calls.Release();
        }
    }

    private async Task<(JsonObject? Json, int Status)> SendAsync(Call call, RequestDeadline deadline)
    {
        var what = call.What;
        using var request = new HttpRequestMessage(call.Method, call.Path);
        request.Headers.Accept.ParseAdd("application/json");
        if (call.Body is { } payload)
        {
            request.Content = new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }
        if (call.CallerHandlesRateLimit)
        {
            DatabricksRetry.LeaveRateLimitToCaller(request);
        }
        // The retry strategy reads the request's deadline from here: a retry that would not fit is not made.
        RetryBudget.SetDeadline(request, deadline.At);
        HttpResponseMessage response;
        string? body;
        try
        {
            response = await SendCountedAsync(request, deadline.Token);
            body = await ReadCappedAsync(response.Content, call.MaxBytes, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested)
        {
            throw new OutcomeException(deadline.Abandoned ? OperationDispatcher.ShuttingDown : DatabricksErrorMapper.Timeout(what, deadline.Budget));
        }
        catch (TimeoutRejectedException)
        {
            // The last attempt's own timeout, with no time left for another.
            throw new OutcomeException(DatabricksErrorMapper.Timeout(what, deadline.Budget));
        }
        catch (DatabricksAuthRejectedException e)
        {
            throw new OutcomeException(DatabricksErrorMapper.AuthRejected(databricks.Value.DescribeAuth(), e.Status));
        }
        catch (HttpRequestException e)
        {
            throw new OutcomeException(DatabricksErrorMapper.Unreachable(what, e.StatusCode is { } code ? (int)code : null));
        }
        catch (IOException)
        {
            // The connection broke while the body was read (after the headers, so outside the retry).
            throw new OutcomeException(DatabricksErrorMapper.Unreachable(what, null));
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (body is null)
            {
                throw new OutcomeException(DatabricksErrorMapper.TooLarge(what, status, call.MaxBytes));
            }
            if (!response.IsSuccessStatusCode)
            {
                if (call.Kind == CallKind.EndpointMayBeMissing && DatabricksErrorMapper.IsMissingEndpoint(status, body))
                {
                    return (null, status);
                }
                if (call.Kind == CallKind.Create && DatabricksErrorMapper.Refused(status, body, what) is { } refused)
                {
                    throw new OutcomeException(refused);
                }
                throw new OutcomeException(DatabricksErrorMapper.FromResponse(response, body, what, databricks.Value.DescribeAuth(), time.GetUtcNow()));
            }
            if (call.Method != HttpMethod.Get && string.IsNullOrWhiteSpace(body))
            {
                return (new JsonObject(), status);
            }
            return ParseObject(body) is { } json
                ? (json, status)
                : throw new OutcomeException(DatabricksErrorMapper.Unreadable(what, status));
        }
    }

    /// <summary>The HTTP call (retries included), counted by its final status for the Databricks-calls metric.</summary>
    private async Task<HttpResponseMessage> SendCountedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            telemetry.DatabricksCall(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return response;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutRejectedException)
        {
            telemetry.DatabricksCall("timeout");
            throw;
        }
        catch
        {
            telemetry.DatabricksCall("error");
            throw;
        }
    }

    /// <summary>The body as text, or null when it is larger than <paramref name="maxBytes"/> (read no further than that).</summary>
    private static async Task<string?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        // Sized by Content-Length when there is one; the copy buffer is pooled (this runs for every Databricks call).
        using var buffer = new MemoryStream((int)(content.Headers.ContentLength ?? 0));
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
