using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// A POST, PUT, DELETE (and the ask stream, a POST) sent by another site's page is 403 CROSS_SITE_REQUEST before any
/// route runs, so nothing reaches the bus; the bridge's own page and header-less tools pass. No CORS unless
/// Bridge__AllowedOrigins names origins, and then for exactly those.
/// </summary>
public sealed class CrossSiteGuardTests(AnsweringGenieStack stack) : IClassFixture<AnsweringGenieStack>
{
    // Routes of every kind: one that exists (POST /api/genie/get), v2 ones that may not exist yet (the check runs first).
    private static readonly (string Method, string Path)[] StateChangingRoutes =
    [
        ("POST", "/api/genie/get"),
        ("POST", "/api/genie/ask"),
        ("PUT", "/api/flows/my-flow"),
        ("DELETE", "/api/flows/my-flow"),
        ("DELETE", "/api/agents/supervisors/abc"),
        ("PATCH", "/api/flows/my-flow"),
        ("POST", "/"),
    ];

    public static TheoryData<string, string, string> RefusedCallers()
    {
        var data = new TheoryData<string, string, string>();
        var callers = new (string Origin, string? Site)[]
        {
            ("http://evil.example", "cross-site"),
            ("http://evil.example", null),               // an old browser: Origin only
            ("http://127.0.0.1:1", "same-site"),         // another port on this machine is another origin
            ("http://localhost:{port}", "same-site"),    // another name of this host is another origin too
            ("https://127.0.0.1:{port}", null),          // another scheme
            ("null", "cross-site"),                      // a sandboxed frame or a file:// page
            ("http://127.0.0.1:{port}", "cross-site"),   // a cross-site request claiming our origin is still refused
            ("", "cross-site"),                          // Sec-Fetch-Site without Origin
            ("", "same-site"),
        };
        foreach (var (method, path) in StateChangingRoutes)
        {
            foreach (var (origin, site) in callers)
            {
                data.Add(method, path, origin + "|" + site);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCallers))]
    public async Task A_state_changing_request_from_another_site_is_403_and_nothing_reaches_the_bus(string method, string path, string caller)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var before = stack.Genie.Received.Count;

        using var response = await CallerRequest.SendAsync(stack.Bridge.Client, method, path, stack.Bridge.Port, Headers(caller), cts.Token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, AccessErrorCodes.CrossSiteRequest, cts.Token);
        Assert.Contains(method, problem.Detail, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(before, stack.Genie.Received.Count);
    }

    [Theory]
    [InlineData("|")]                                  // curl, scripts: neither header
    [InlineData("http://127.0.0.1:{port}|")]
    [InlineData("http://127.0.0.1:{port}|same-origin")] // the bridge's own page
    [InlineData("|same-origin")]
    [InlineData("|none")]                              // typed into the address bar
    [InlineData("HTTP://127.0.0.1:{port}|same-origin")]
    public async Task The_bridges_own_page_and_header_less_tools_pass(string caller)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var before = stack.Genie.Received.Count;

        using var response = await CallerRequest.SendAsync(stack.Bridge.Client, "POST", "/api/genie/get", stack.Bridge.Port, Headers(caller), cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestGenieService.SampleSpace, await response.Content.ReadAsByteArrayAsync(cts.Token));
        Assert.Equal(before + 1, stack.Genie.Received.Count);
    }

    [Fact]
    public async Task Own_origin_under_another_own_name_passes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await CallerRequest.SendAsync(stack.Bridge.Client, "POST", "/api/genie/get", stack.Bridge.Port,
            new Dictionary<string, string> { ["Host"] = "localhost:{port}", ["Origin"] = "http://localhost:{port}", ["Sec-Fetch-Site"] = "same-origin" }, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_PUT_or_DELETE_from_the_own_page_reaches_routing()
    {
        // Not refused by the guard: whatever the route answers (404 today, the flows API later), it is not 403.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var method in new[] { "PUT", "DELETE" })
        {
            using var response = await CallerRequest.SendAsync(stack.Bridge.Client, method, "/api/flows/my-flow", stack.Bridge.Port,
                new Dictionary<string, string> { ["Origin"] = "http://127.0.0.1:{port}", ["Sec-Fetch-Site"] = "same-origin" }, cts.Token);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Without_Bridge__AllowedOrigins_there_is_no_CORS()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var preflight = new Dictionary<string, string>
        {
            ["Origin"] = "http://evil.example",
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "content-type",
        };
        using var options = await CallerRequest.SendAsync(stack.Bridge.Client, "OPTIONS", "/api/genie/get", stack.Bridge.Port, preflight, cts.Token);
        Assert.False(options.IsSuccessStatusCode, $"preflight answered {(int)options.StatusCode}");
        Assert.False(options.Headers.Contains("Access-Control-Allow-Origin"));

        // A GET from another origin is answered (GET changes nothing) but without CORS headers, so its page cannot read it.
        using var get = await CallerRequest.SendAsync(stack.Bridge.Client, "GET", "/api/genie/get?space_id=s1", stack.Bridge.Port,
            new Dictionary<string, string> { ["Origin"] = "http://evil.example", ["Sec-Fetch-Site"] = "cross-site" }, cts.Token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Bridge__AllowedOrigins_turns_on_CORS_for_exactly_those_origins()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        const string tools = "http://tools.example:8080";
        await using var bridge = await BridgeProcess.StartAsync(stack.Nats.Url,
            new Dictionary<string, string?> { ["Bridge__AllowedOrigins"] = tools + "/ https://other.example" });
        var before = stack.Genie.Received.Count;

        using var preflight = await CallerRequest.SendAsync(bridge.Client, "OPTIONS", "/api/genie/get", bridge.Port, new Dictionary<string, string>
        {
            ["Origin"] = tools, ["Access-Control-Request-Method"] = "POST", ["Access-Control-Request-Headers"] = "content-type",
        }, cts.Token);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(tools, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));

        using var post = await CallerRequest.SendAsync(bridge.Client, "POST", "/api/genie/get", bridge.Port,
            new Dictionary<string, string> { ["Origin"] = tools, ["Sec-Fetch-Site"] = "cross-site" }, cts.Token);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(tools, Assert.Single(post.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("X-Request-Id", post.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);

        using var evilPreflight = await CallerRequest.SendAsync(bridge.Client, "OPTIONS", "/api/genie/get", bridge.Port, new Dictionary<string, string>
        {
            ["Origin"] = "http://evil.example", ["Access-Control-Request-Method"] = "POST",
        }, cts.Token);
        Assert.False(evilPreflight.Headers.Contains("Access-Control-Allow-Origin"));
        using var evil = await CallerRequest.SendAsync(bridge.Client, "POST", "/api/genie/get", bridge.Port,
            new Dictionary<string, string> { ["Origin"] = "http://evil.example", ["Sec-Fetch-Site"] = "cross-site" }, cts.Token);
        await Problem.AssertAsync(evil, HttpStatusCode.Forbidden, AccessErrorCodes.CrossSiteRequest, cts.Token);

        Assert.Equal(before + 1, stack.Genie.Received.Count);
    }

    // "origin|site": either part may be empty (header not sent).
    private static Dictionary<string, string> Headers(string caller)
    {
        var parts = caller.Split('|');
        var headers = new Dictionary<string, string>();
        if (parts[0].Length > 0)
        {
            headers["Origin"] = parts[0];
        }
        if (parts.Length > 1 && parts[1].Length > 0)
        {
            headers["Sec-Fetch-Site"] = parts[1];
        }
        return headers;
    }
}
