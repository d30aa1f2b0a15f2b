using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// Bad input gets 400 INVALID_REQUEST (413 when too big) before anything goes on the bus: a genie service of the test
/// listens on genie.get, counts what arrives, and must see nothing.
/// </summary>
public sealed class BadInputTests(BadInputTests.Stack stack) : IClassFixture<BadInputTests.Stack>
{
    // A leaked request gets an obvious 500, so a test fails fast rather than waiting for a timeout.
    public sealed class Stack() : ScriptedGenieStack(m => m.ReplyErrorAsync(500, "a bad request reached the bus"));

    public static TheoryData<string> BadSpaceIdQueries => new()
    {
        "",                                   // no space_id at all
        "?space_id=",                         // empty
        "?space_id=..%2Fx",                   // ../x: path traversal
        "?space_id=a%20b",                    // a space
        "?space_id=" + new string('a', 300),  // too long
        "?space_id=a%00b",                    // NUL
        "?space_id=caf%C3%A9",                // non-ASCII
        "?space_id=a.b",                      // a dot
        "?space_id=a%2Fb",                    // a slash
        "?space_id=%7B%22x%22%7D",            // {"x"}
        "?space_id=a&space_id=b",             // given twice
    };

    [Theory]
    [MemberData(nameof(BadSpaceIdQueries))]
    public async Task Get_with_a_bad_space_id_is_400_and_nothing_reaches_the_bus(string query)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/genie/get" + query, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Contains("space_id", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(stack.Genie.Received);
    }

    public static TheoryData<string, string?> BadPostBodies => new()
    {
        { "", "application/json" },                                        // empty body
        { "{", "application/json" },                                       // invalid JSON
        { "not json at all", "application/json" },                         // invalid JSON
        { "[\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"]", "application/json" },  // a JSON array
        { "null", "application/json" },                                    // JSON null
        { "{}", "application/json" },                                      // missing id
        { "{\"space_id\":\"\"}", "application/json" },                     // empty id
        { "{\"space_id\":\"../x\"}", "application/json" },                 // traversal
        { "{\"space_id\":\"a b\"}", "application/json" },                  // space
        { "{\"space_id\":\"a\\u0000b\"}", "application/json" },            // NUL
        { "{\"space_id\":\"" + new string('a', 300) + "\"}", "application/json" }, // too long
        { "{\"space_id\":42}", "application/json" },                       // not a string
        { "{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"} junk", "application/json" },                  // trailing garbage
        { "{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}{\"space_id\":\"x\"}", "application/json" },  // two objects
        { "{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}", "text/plain" },                // wrong content type
        { "{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}", "application/x-www-form-urlencoded" },
        { "{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}", null },                        // no content type
    };

    [Theory]
    [MemberData(nameof(BadPostBodies))]
    public async Task Post_with_a_bad_body_or_content_type_is_400_and_nothing_reaches_the_bus(string body, string? contentType)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        using var response = await stack.Bridge.Client.PostAsync("/api/genie/get", content, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Empty(stack.Genie.Received);
    }

    [Fact]
    public async Task Post_with_a_body_over_the_limit_is_413_and_nothing_reaches_the_bus()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var padding = new string(' ', 8 * 1024);
        using var content = new StringContent("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"" + padding + "}", Encoding.UTF8, "application/json");
        using var response = await stack.Bridge.Client.PostAsync("/api/genie/get", content, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Contains("4096", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(stack.Genie.Received);
    }

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=201", "page_size")]
    [InlineData("?page_size=ten", "page_size")]
    [InlineData("?page_size=-1", "page_size")]
    [InlineData("?page_token=a%20b", "page_token")]     // a space
    [InlineData("?page_token=%3Cx%3E", "page_token")]   // <x>
    [InlineData("?page_token=a%22%7D", "page_token")]   // a"}: JSON breaking characters
    [InlineData("?page_token=caf%C3%A9", "page_token")] // non-ASCII
    public async Task Listing_with_a_bad_page_size_or_token_is_400_and_nothing_reaches_the_bus(string query, string named)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/genie/spaces" + query, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Contains(named, problem.Detail, StringComparison.Ordinal);
        Assert.Empty(stack.Genie.Received);
    }

    [Fact]
    public async Task A_callers_request_id_comes_back_in_the_header_and_the_problem()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/genie/get?space_id=..%2Fx");
        request.Headers.Add("X-Request-Id", "caller-id-42");
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.Equal("caller-id-42", problem.RequestId);
        Assert.Equal("caller-id-42", problem.ResponseRequestId);
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("<script>")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_unsafe_request_id_is_replaced_by_a_new_one(string unsafeId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/genie/get?space_id=");
        request.Headers.TryAddWithoutValidation("X-Request-Id", unsafeId);
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        Assert.NotEqual(unsafeId, problem.RequestId);
        Assert.Matches("^[A-Za-z0-9._:-]{1,64}$", problem.RequestId);
    }

    [Fact]
    public async Task Every_response_carries_nosniff_and_a_request_id_and_no_cors_headers()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        foreach (var path in new[] { "/health", "/health/ready", "/api/config", "/api/genie/get", "/api/nope", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "http://evil.example");
            using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);

            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("X-Request-Id"))), path);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), path);
        }
    }

    [Fact]
    public async Task Config_gives_the_default_space_id_and_no_workspace_while_no_responder_serves_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync("/api/config", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"defaultSpaceId\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\",\"workspace\":null,\"demo\":false}", await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/genie/nope")]
    [InlineData("/api/genie/get/extra")]
    [InlineData("/health/nope")]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_spa(string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await stack.Bridge.Client.GetAsync(path, cts.Token);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, GenieErrorCodes.NotFound, cts.Token);
    }
}
