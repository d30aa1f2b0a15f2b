using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class AuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string DataRoom = "/api/2.0/data-rooms/" + EmulatorProcess.SalesSpaceId;

    [Fact]
    public async Task A_request_without_a_token_gets_401_UNAUTHENTICATED_in_the_Databricks_shape()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync(DataRoom, cts.Token, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_wrong_token_gets_401_and_the_refused_request_is_still_counted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var before = await fixture.Emulator.CallsAsync(cts.Token);

        var (response, body) = await fixture.GetAsync(DataRoom, cts.Token, token: "dapi0000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid access token.", body.GetProperty("message").GetString());
        var after = await fixture.Emulator.CallsAsync(cts.Token);
        Assert.Equal(before.ForPath(DataRoom) + 1, after.ForPath(DataRoom));
    }

    [Fact]
    public async Task An_OAuth_client_credentials_token_from_basic_auth_opens_the_api_and_no_secret_reaches_the_log()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var emulator = fixture.Emulator;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/oidc/v1/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "all-apis" }),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.ClientId}:{emulator.ClientSecret}")));

        using var tokenResponse = await fixture.Http.SendAsync(tokenRequest, cts.Token);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cts.Token)).RootElement;
        var accessToken = token.GetProperty("access_token").GetString()!;
        var (response, body) = await fixture.GetAsync(DataRoom, cts.Token, token: accessToken);

        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatorProcess.SalesSpaceId, body.GetProperty("space_id").GetString());
        foreach (var secret in new[] { emulator.Token, emulator.ClientSecret, accessToken })
        {
            Assert.DoesNotContain(secret, emulator.Process.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_secret_with_invalid_client_and_other_grants_with_unsupported_grant_type()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var emulator = fixture.Emulator;

        var (wrongStatus, wrong) = await PostTokenFormAsync(cts.Token, ("grant_type", "client_credentials"),
            ("client_id", emulator.ClientId), ("client_secret", emulator.ClientSecret + "x"));
        var (grantStatus, grant) = await PostTokenFormAsync(cts.Token, ("grant_type", "password"),
            ("client_id", emulator.ClientId), ("client_secret", emulator.ClientSecret));
        var (okStatus, ok) = await PostTokenFormAsync(cts.Token, ("grant_type", "client_credentials"), ("scope", "all-apis"),
            ("client_id", emulator.ClientId), ("client_secret", emulator.ClientSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal("invalid_client", wrong.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, grantStatus);
        Assert.Equal("unsupported_grant_type", grant.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.StartsWith("emu-oauth-", ok.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_points_the_SDKs_at_the_token_endpoint_of_this_host()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, body) = await fixture.GetAsync("/oidc/.well-known/oauth-authorization-server", cts.Token, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Emulator.Url + "/oidc/v1/token", body.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task An_issued_OAuth_token_stops_working_when_it_expires()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorSettings { TokenTtlSeconds = 1 });
        using var http = new HttpClient { BaseAddress = new Uri(emulator.Url) };
        using var tokenResponse = await http.PostAsync("/oidc/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = emulator.ClientId, ["client_secret"] = emulator.ClientSecret,
        }), cts.Token);
        var accessToken = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cts.Token)).RootElement.GetProperty("access_token").GetString();

        async Task<(HttpStatusCode, string)> CallAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, DataRoom);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(request, cts.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
        }
        var (fresh, _) = await CallAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5), cts.Token);
        var (expired, body) = await CallAsync();

        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Contains("expired", body, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode, JsonElement)> PostTokenFormAsync(CancellationToken ct, params (string Key, string Value)[] fields)
    {
        using var response = await fixture.Http.PostAsync(
            "/oidc/v1/token", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))), ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone());
    }
}
