using System.Net;
using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// What the responder replies is what the caller gets: success bytes untouched, error replies (NATS micro error
/// headers + JSON error body) as ProblemDetails with their status, code, message and the request id.
/// A scripted genie service of the test answers per space id.
/// </summary>
public sealed class ErrorPassThroughTests(ErrorPassThroughTests.Stack stack) : IClassFixture<ErrorPassThroughTests.Stack>
{
    // Odd spacing, an escaped character and 1.50: any JSON round trip in the bridge would change these bytes.
    public const string SpaceReply = "{\"id\":\"ok-space\",  \"space_id\":\"ok-space\",\"title\":\"Caf\\u00e9 \u2014 sales\",\"extra\":{\"n\":1.50}}";

    public sealed class Stack() : ScriptedGenieStack(ReplyAsync)
    {
        private static ValueTask ReplyAsync(NatsSvcMsg<byte[]> msg)
        {
            using var request = JsonDocument.Parse(msg.Data ?? []);
            var spaceId = request.RootElement.GetProperty("space_id").GetString();
            var requestId = msg.Headers?[GenieHeaders.RequestId].ToString();
            return spaceId switch
            {
                "ok-space" => msg.ReplyAsync(Encoding.UTF8.GetBytes(SpaceReply), serializer: TestGenieService.Raw),
                "missing-space" => Error(msg, 404, GenieErrorCodes.NotFound, "Genie space missing-space was not found, or no access for the configured identity.", requestId),
                "auth-space" => Error(msg, 502, GenieErrorCodes.UpstreamAuth, "Databricks rejected the configured credentials (401).", requestId),
                "busy-space" => Error(msg, 429, GenieErrorCodes.RateLimited, "Databricks is throttling requests; retry in 7 s.", requestId,
                    new NatsHeaders { [GenieHeaders.RetryAfter] = "7" }),
                "garbled-space" => msg.ReplyErrorAsync(502, "Databricks answered something unreadable", Encoding.UTF8.GetBytes("<html>oops"),
                    serializer: TestGenieService.Raw),
                "crash-space" => msg.ReplyErrorAsync(999, "Handler error"),
                "empty-space" => msg.ReplyAsync(Array.Empty<byte>(), serializer: TestGenieService.Raw),
                _ => Error(msg, 500, GenieErrorCodes.Internal, "unexpected space in test", requestId),
            };
        }

        private static ValueTask Error(NatsSvcMsg<byte[]> msg, int status, string code, string message, string? requestId, NatsHeaders? headers = null)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorReply(new ErrorDetail(code, message, requestId)), GenieJsonContext.Default.ErrorReply);
            return msg.ReplyErrorAsync(status, message, body, headers, serializer: TestGenieService.Raw);
        }
    }

    [Fact]
    public async Task Get_returns_exactly_the_bytes_the_responder_sent()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/genie/get?space_id=ok-space", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes(SpaceReply), await response.Content.ReadAsByteArrayAsync(cts.Token));
    }

    [Fact]
    public async Task Post_returns_the_same_bytes_and_puts_only_the_canonical_body_on_the_bus()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/get")
        {
            Content = new StringContent("{\"space_id\": \"ok-space\", \"smuggled\": \"x\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Request-Id", "post-canonical-1");
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(SpaceReply), await response.Content.ReadAsByteArrayAsync(cts.Token));
        var received = Assert.Single(stack.Genie.Received, r => r.Header(GenieHeaders.RequestId) == "post-canonical-1");
        Assert.Equal("{\"space_id\":\"ok-space\"}", received.BodyText);
    }

    [Fact]
    public async Task The_request_id_and_traceparent_travel_as_nats_headers()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/genie/get?space_id=ok-space");
        request.Headers.Add("X-Request-Id", "trace-me-7");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("trace-me-7", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        var received = Assert.Single(stack.Genie.Received, r => r.Header(GenieHeaders.RequestId) == "trace-me-7");
        // Same trace; the span id may be the bridge's own child span.
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-0[01]$", received.Header(GenieHeaders.TraceParent) ?? "");
        Assert.Equal("{\"space_id\":\"ok-space\"}", received.BodyText);
    }

    [Fact]
    public async Task A_new_request_id_is_made_and_sent_on_the_bus_when_the_caller_has_none()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/genie/get?space_id=ok-space", cts.Token);

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[A-Za-z0-9._:-]{8,64}$", requestId);
        Assert.Single(stack.Genie.Received, r => r.Header(GenieHeaders.RequestId) == requestId);
    }

    [Theory]
    [InlineData("missing-space", HttpStatusCode.NotFound, GenieErrorCodes.NotFound, "not found, or no access")]
    [InlineData("auth-space", HttpStatusCode.BadGateway, GenieErrorCodes.UpstreamAuth, "rejected the configured credentials")]
    [InlineData("garbled-space", HttpStatusCode.BadGateway, GenieErrorCodes.UpstreamError, "Databricks answered something unreadable")]
    [InlineData("crash-space", HttpStatusCode.InternalServerError, GenieErrorCodes.Internal, "Handler error")]
    [InlineData("empty-space", HttpStatusCode.BadGateway, GenieErrorCodes.UpstreamError, "empty reply")]
    public async Task An_error_reply_keeps_its_status_and_becomes_a_problem_with_code_detail_and_the_callers_request_id(
        string spaceId, HttpStatusCode status, string code, string detail)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var requestId = "err-" + spaceId;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/genie/get?space_id={spaceId}");
        request.Headers.Add("X-Request-Id", requestId);
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

        var problem = await Problem.AssertAsync(response, status, code, cts.Token);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(requestId, problem.RequestId);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task A_rate_limited_reply_passes_its_retry_after_on()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/genie/get?space_id=busy-space", cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.TooManyRequests, GenieErrorCodes.RateLimited, cts.Token);
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Contains("retry in 7 s", problem.Detail, StringComparison.Ordinal);
    }
}
