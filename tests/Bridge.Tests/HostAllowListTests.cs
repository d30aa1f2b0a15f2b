using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// DNS rebinding: a request whose Host is not the bridge's own is 421 HOST_NOT_ALLOWED on every path (API, health,
/// page), and nothing reaches the bus: a genie service of the test counts what arrives.
/// </summary>
public sealed class HostAllowListTests(AnsweringGenieStack stack) : IClassFixture<AnsweringGenieStack>
{
    public static TheoryData<string> ForeignHosts => new()
    {
        "evil.example:{port}",   // a rebinding page on the bridge's port
        "evil.example",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.2:{port}",      // another loopback address is another name
        "0.0.0.0:{port}",
        "localhost:1",           // our name, another port
        "localhost.:{port}",
    };

    public static TheoryData<string> Paths => new() { "/api/genie/get?space_id=s1", "/health", "/health/ready", "/api/config", "/" };

    [Theory]
    [MemberData(nameof(ForeignHosts))]
    public async Task A_foreign_Host_is_refused_on_every_path_and_nothing_reaches_the_bus(string host)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var before = stack.Genie.Received.Count;

        foreach (var path in Paths)
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                using var response = await CallerRequest.SendAsync(stack.Bridge.Client, method, path, stack.Bridge.Port,
                    new Dictionary<string, string> { ["Host"] = host }, cts.Token);
                var problem = await Problem.AssertAsync(response, HttpStatusCode.MisdirectedRequest, AccessErrorCodes.HostNotAllowed, cts.Token);
                Assert.Contains("Bridge__AllowedHosts", problem.Detail, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, stack.Genie.Received.Count);
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LocalHost:{port}")]
    [InlineData("[::1]:{port}")]
    [InlineData("127.0.0.1")] // no port, as start.sh's readiness probe writes it
    public async Task The_bridges_own_names_with_its_port_are_served(string host)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var before = stack.Genie.Received.Count;

        using var response = await CallerRequest.SendAsync(stack.Bridge.Client, "GET", "/api/genie/get?space_id=s1", stack.Bridge.Port,
            new Dictionary<string, string> { ["Host"] = host }, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestGenieService.SampleSpace, await response.Content.ReadAsByteArrayAsync(cts.Token));
        Assert.Equal(before + 1, stack.Genie.Received.Count);
    }

    [Fact]
    public async Task Names_in_Bridge__AllowedHosts_are_served_as_well_and_nothing_else()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await using var bridge = await BridgeProcess.StartAsync(stack.Nats.Url,
            new Dictionary<string, string?> { ["Bridge__AllowedHosts"] = "canvas.example.com, other.example:8443" });
        var before = stack.Genie.Received.Count;

        foreach (var host in new[] { "canvas.example.com", "CANVAS.example.com:443", "other.example:8443", "127.0.0.1:{port}" })
        {
            using var served = await CallerRequest.SendAsync(bridge.Client, "GET", "/api/genie/get?space_id=s1", bridge.Port,
                new Dictionary<string, string> { ["Host"] = host }, cts.Token);
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{host}: {(int)served.StatusCode}");
        }
        foreach (var host in new[] { "other.example:9443", "other.example", "evil.example:{port}", "sub.canvas.example.com" })
        {
            using var refused = await CallerRequest.SendAsync(bridge.Client, "GET", "/api/genie/get?space_id=s1", bridge.Port,
                new Dictionary<string, string> { ["Host"] = host }, cts.Token);
            await Problem.AssertAsync(refused, HttpStatusCode.MisdirectedRequest, AccessErrorCodes.HostNotAllowed, cts.Token);
        }

        Assert.Equal(before + 4, stack.Genie.Received.Count);
    }

    [Fact]
    public async Task Behind_the_Vite_dev_server_its_loopback_address_can_be_allowed()
    {
        // `npm run dev` proxies /api with the page's Host (127.0.0.1:5173) and Origin: one setting makes both the bridge's own.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await using var bridge = await BridgeProcess.StartAsync(stack.Nats.Url,
            new Dictionary<string, string?> { ["Bridge__AllowedHosts"] = "127.0.0.1:5173" });
        var devPage = new Dictionary<string, string>
        {
            ["Host"] = "127.0.0.1:5173", ["Origin"] = "http://127.0.0.1:5173", ["Sec-Fetch-Site"] = "same-origin",
        };

        using var served = await CallerRequest.SendAsync(bridge.Client, "POST", "/api/genie/get", bridge.Port, devPage, cts.Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        using var refused = await CallerRequest.SendAsync(stack.Bridge.Client, "POST", "/api/genie/get", stack.Bridge.Port, devPage, cts.Token);
        await Problem.AssertAsync(refused, HttpStatusCode.MisdirectedRequest, AccessErrorCodes.HostNotAllowed, cts.Token);
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_the_public_name_and_its_https_origin_are_the_bridges_own()
    {
        // deploy/README.md: the proxy passes Host and X-Forwarded-Proto; ASP.NET Core applies them when told to.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await using var bridge = await BridgeProcess.StartAsync(stack.Nats.Url, new Dictionary<string, string?>
        {
            ["Bridge__AllowedHosts"] = "canvas.example.com",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });
        var proxied = new Dictionary<string, string>
        {
            ["Host"] = "canvas.example.com",
            ["X-Forwarded-Proto"] = "https",
            ["X-Forwarded-For"] = "203.0.113.7",
            ["Origin"] = "https://canvas.example.com",
            ["Sec-Fetch-Site"] = "same-origin",
        };

        using var served = await CallerRequest.SendAsync(bridge.Client, "POST", "/api/genie/get", bridge.Port, proxied, cts.Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // The same page over plain http is another origin.
        proxied["Origin"] = "http://canvas.example.com";
        using var refused = await CallerRequest.SendAsync(bridge.Client, "POST", "/api/genie/get", bridge.Port, proxied, cts.Token);
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, AccessErrorCodes.CrossSiteRequest, cts.Token);
    }
}
