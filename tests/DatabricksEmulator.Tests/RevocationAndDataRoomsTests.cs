using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class RevocationAndDataRoomsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string DataRoom = "/api/2.0/data-rooms/" + EmulatorProcess.SalesSpaceId;
    private static readonly string PublicSpace = "/api/2.0/genie/spaces/" + EmulatorProcess.SalesSpaceId;

    private async Task<string> IssueTokenAsync(CancellationToken ct)
    {
        using var response = await fixture.Http.PostAsync("/oidc/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = "all-apis",
            ["client_id"] = fixture.Emulator.ClientId, ["client_secret"] = fixture.Emulator.ClientSecret,
        }), ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task A_revoked_OAuth_token_gets_401_while_the_PAT_and_newly_issued_tokens_keep_working()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        var first = await IssueTokenAsync(cts.Token);
        var second = await IssueTokenAsync(cts.Token);
        var before = await fixture.GetAsync(DataRoom, cts.Token, token: first);

        var revokedOne = await fixture.Emulator.RevokeTokensAsync(first, cts.Token);
        var afterOne = await fixture.GetAsync(DataRoom, cts.Token, token: first);
        var secondStill = await fixture.GetAsync(DataRoom, cts.Token, token: second);
        var revokedAll = await fixture.Emulator.RevokeTokensAsync(cancellationToken: cts.Token);
        var secondAfterAll = await fixture.GetAsync(PublicSpace, cts.Token, token: second);
        var pat = await fixture.GetAsync(DataRoom, cts.Token);
        var fresh = await fixture.GetAsync(DataRoom, cts.Token, token: await IssueTokenAsync(cts.Token));

        Assert.Equal(HttpStatusCode.OK, before.Response.StatusCode);
        Assert.Equal(1, revokedOne);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOne.Response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", afterOne.Body.GetProperty("error_code").GetString());
        Assert.Equal("Invalid access token.", afterOne.Body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, secondStill.Response.StatusCode);
        Assert.True(revokedAll >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, secondAfterAll.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pat.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.Response.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_token_that_is_unknown_revokes_nothing_and_a_bad_body_is_refused()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = await IssueTokenAsync(cts.Token);
        var revoked = await fixture.Emulator.RevokeTokensAsync("emu-oauth-not-issued", cts.Token);
        using var bad = await fixture.Http.PostAsync("/_emulator/tokens/revoke",
            new StringContent("""{"tokens": ["x"]}""", System.Text.Encoding.UTF8, "application/json"), cts.Token);
        var still = await fixture.GetAsync(DataRoom, cts.Token, token: token);

        Assert.Equal(0, revoked);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.Response.StatusCode);
    }

    [Fact]
    public async Task With_data_rooms_off_the_internal_path_is_ENDPOINT_NOT_FOUND_and_the_public_get_answers_a_GenieSpace()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await fixture.Emulator.ResetAsync(cts.Token);
        var settings = await fixture.Emulator.SetDataRoomsEnabledAsync(false, cts.Token);

        var room = await fixture.GetAsync(DataRoom, cts.Token);
        var space = await fixture.GetAsync(PublicSpace, cts.Token);
        var withSerialized = await fixture.GetAsync(PublicSpace + "?include_serialized_space=true", cts.Token);
        await fixture.Emulator.ResetAsync(cts.Token);
        var roomAfterReset = await fixture.GetAsync(DataRoom, cts.Token);

        Assert.False(settings.DataRoomsEnabled);
        Assert.Equal(HttpStatusCode.NotFound, room.Response.StatusCode);
        Assert.Equal("ENDPOINT_NOT_FOUND", room.Body.GetProperty("error_code").GetString());
        Assert.Contains("/api/2.0/data-rooms/", room.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, space.Response.StatusCode);
        var s = space.Body;
        Assert.Equal(EmulatorProcess.SalesSpaceId, s.GetProperty("space_id").GetString());
        Assert.Equal("Sales Analytics", s.GetProperty("title").GetString());
        foreach (var member in new[] { "description", "warehouse_id", "parent_path", "etag" })
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty(member).GetString()), member);
        }
        Assert.True(DateTimeOffset.TryParse(s.GetProperty("create_time").GetString(), out _));
        Assert.EndsWith("Z", s.GetProperty("update_time").GetString(), StringComparison.Ordinal);
        Assert.False(s.TryGetProperty("serialized_space", out _));
        Assert.Equal(JsonValueKind.String, withSerialized.Body.GetProperty("serialized_space").ValueKind);
        Assert.Equal(HttpStatusCode.OK, roomAfterReset.Response.StatusCode);
    }

    [Fact]
    public async Task The_data_rooms_switch_can_be_off_from_the_start()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorSettings
        {
            Environment = EmulatorKnobs.GenieStepEnvironment(stepMs: 5, dataRoomsEnabled: false),
        });
        using var http = new HttpClient { BaseAddress = new Uri(emulator.Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.Token);

        using var room = await http.GetAsync(DataRoom, cts.Token);
        using var space = await http.GetAsync(PublicSpace, cts.Token);
        var settings = await emulator.RuntimeSettingsAsync(cts.Token);

        Assert.Equal(HttpStatusCode.NotFound, room.StatusCode);
        Assert.Contains("ENDPOINT_NOT_FOUND", await room.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, space.StatusCode);
        Assert.Equal(new EmulatorRuntimeSettings(5, false), settings);
    }
}
