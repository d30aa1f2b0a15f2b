namespace GenieCanvas.Responder.Tests;

/// <summary>Databricks unified auth: PAT, OAuth M2M, ~/.databrickscfg profiles; rejected credentials; no secret ever printed.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string Space = EmulatorProcess.SalesSpaceId;
    private readonly string _scratch = Directory.CreateTempSubdirectory("responder-auth-").FullName;
    private ResponderStack _stack = null!;

    public async Task InitializeAsync() =>
        _stack = await ResponderStack.StartAsync(emulatorSettings: new EmulatorSettings { TokenTtlSeconds = 43 }, startResponder: false);

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task A_rejected_token_is_502_upstream_auth_naming_the_method_but_not_the_token()
    {
        const string wrongToken = "dapi-wrong-0123456789abcdef0123456789abcdef";
        await _stack.AddResponderAsync(new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = wrongToken }, withPat: false);

        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamAuth, reply.ErrorCode);
        Assert.Contains("personal access token", reply.ErrorText);
        Assert.Contains("DATABRICKS_TOKEN", reply.ErrorText);
        Assert.DoesNotContain(wrongToken, reply.Text);
        Assert.DoesNotContain(wrongToken, reply.ErrorMessage);
        Assert.Equal(1, await _stack.Emulator.CallCountAsync(Space));
        Assert.DoesNotContain(wrongToken, _stack.ResponderOutput);
    }

    [Fact]
    public async Task OAuth_m2m_gets_a_token_once_reuses_it_and_refreshes_it_before_expiry()
    {
        await _stack.AddResponderAsync(new Dictionary<string, string?>
        {
            ["DATABRICKS_CLIENT_ID"] = _stack.Emulator.ClientId,
            ["DATABRICKS_CLIENT_SECRET"] = _stack.Emulator.ClientSecret,
        }, withPat: false);

        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _stack.Bus.GetSpaceAsync(Space)));
        Assert.All(first, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, (await _stack.Emulator.CallsAsync()).ForPath("/oidc/v1/token"));

        // Tokens live 43 s and count as expired 40 s early: after 3 s the next call must fetch a new one.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var later = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, later.Status);
        Assert.Equal(2, (await _stack.Emulator.CallsAsync()).ForPath("/oidc/v1/token"));
        Assert.DoesNotContain(_stack.Emulator.ClientSecret, _stack.ResponderOutput);
    }

    [Fact]
    public async Task A_revoked_oauth_token_is_dropped_and_the_call_made_once_more_with_a_new_one()
    {
        await AddOAuthResponderAsync();
        Assert.Equal(200, (await _stack.Bus.GetSpaceAsync(Space)).Status);
        Assert.Equal(1, await _stack.Emulator.RevokeTokensAsync());

        var afterRevoke = await _stack.Bus.GetSpaceAsync(Space);
        var next = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, afterRevoke.Status);
        Assert.Equal(200, next.Status);
        var calls = await _stack.Emulator.CallsAsync();
        Assert.Equal(2, calls.ForPath("/oidc/v1/token"));
        // The first get, the refused one and its retry with the new token, the next get on the new token.
        Assert.Equal(4, calls.ForSpace(Space));
        Assert.DoesNotContain(_stack.Emulator.ClientSecret, _stack.ResponderOutput);
    }

    [Fact]
    public async Task A_second_401_after_a_new_oauth_token_is_502_upstream_auth_not_a_loop()
    {
        await AddOAuthResponderAsync();
        await _stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 401, Times = 5 });

        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamAuth, reply.ErrorCode);
        Assert.Contains("oauth-m2m", reply.ErrorText);
        var calls = await _stack.Emulator.CallsAsync();
        Assert.Equal(2, calls.ForSpace(Space));
        Assert.Equal(2, calls.ForPath("/oidc/v1/token"));
    }

    [Fact]
    public async Task A_401_to_a_personal_access_token_is_not_retried()
    {
        await _stack.AddResponderAsync();
        await _stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 401, Times = 5 });

        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(GenieErrorCodes.UpstreamAuth, reply.ErrorCode);
        Assert.Equal(1, await _stack.Emulator.CallCountAsync(Space));
    }

    private Task AddOAuthResponderAsync() => _stack.AddResponderAsync(new Dictionary<string, string?>
    {
        ["DATABRICKS_CLIENT_ID"] = _stack.Emulator.ClientId,
        ["DATABRICKS_CLIENT_SECRET"] = _stack.Emulator.ClientSecret,
    }, withPat: false);

    [Fact]
    public async Task A_rejected_client_secret_is_502_upstream_auth_without_the_secret()
    {
        const string wrongSecret = "dose-wrong-secret-fedcba9876543210";
        await _stack.AddResponderAsync(new Dictionary<string, string?>
        {
            ["DATABRICKS_CLIENT_ID"] = _stack.Emulator.ClientId,
            ["DATABRICKS_CLIENT_SECRET"] = wrongSecret,
        }, withPat: false);

        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamAuth, reply.ErrorCode);
        Assert.Contains("oauth-m2m", reply.ErrorText);
        Assert.DoesNotContain(wrongSecret, reply.Text);
        Assert.DoesNotContain(wrongSecret, _stack.ResponderOutput);
    }

    [Fact]
    public async Task A_named_profile_supplies_host_and_token()
    {
        var config = WriteConfig($"""
            [DEFAULT]
            host = https://wrong.invalid
            token = dapi-wrong

            [emulator]
            host = {_stack.Emulator.Url}/
            token = {_stack.Emulator.Token}
            """);

        await _stack.AddResponderAsync(ProfileEnv(config, "emulator"), withPat: false);
        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
        Assert.DoesNotContain(_stack.Emulator.Token, _stack.ResponderOutput);
    }

    [Fact]
    public async Task The_settings_default_profile_is_used_when_none_is_named_and_can_hold_oauth_m2m()
    {
        var config = WriteConfig($"""
            [__settings__]
            default_profile = m2m

            [m2m]
            host = {_stack.Emulator.Url}
            client_id = {_stack.Emulator.ClientId}
            client_secret = {_stack.Emulator.ClientSecret}
            """);

        await _stack.AddResponderAsync(ProfileEnv(config, profile: null), withPat: false);
        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
        Assert.Equal(1, (await _stack.Emulator.CallsAsync()).ForPath("/oidc/v1/token"));
        Assert.DoesNotContain(_stack.Emulator.ClientSecret, _stack.ResponderOutput);
    }

    [Fact]
    public async Task The_environment_wins_over_the_profile()
    {
        var config = WriteConfig($"""
            [DEFAULT]
            host = {_stack.Emulator.Url}
            token = dapi-profile-token-that-is-wrong
            """);
        var env = ProfileEnv(config, "DEFAULT");
        env["DATABRICKS_TOKEN"] = _stack.Emulator.Token;

        await _stack.AddResponderAsync(env, withPat: false);
        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task A_config_file_under_the_home_directory_can_be_named_with_a_tilde()
    {
        // As deploy/.env.local.example writes it; systemd's EnvironmentFile passes the ~ on unexpanded.
        var home = Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "genie.databrickscfg"), $"""
            [DEFAULT]
            host = {_stack.Emulator.Url}
            token = {_stack.Emulator.Token}
            """);
        var env = ProfileEnv("~/genie.databrickscfg", profile: null);
        env["HOME"] = home;

        await _stack.AddResponderAsync(env, withPat: false);
        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
        Assert.Equal(Space, reply.Json.GetProperty("space_id").GetString());
    }

    [Fact]
    public async Task The_default_config_file_dot_databrickscfg_in_the_home_directory_is_read()
    {
        // No DATABRICKS_CONFIG_FILE at all: the SDKs' default, a dot file that .NET's file provider hides by default.
        var home = Directory.CreateDirectory(Path.Combine(_scratch, "home-default")).FullName;
        await File.WriteAllTextAsync(Path.Combine(home, ".databrickscfg"), $"""
            [DEFAULT]
            host = {_stack.Emulator.Url}
            token = {_stack.Emulator.Token}
            """);
        var env = ProfileEnv(configFile: null, profile: null);
        env["HOME"] = home;

        await _stack.AddResponderAsync(env, withPat: false);
        var reply = await _stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
        Assert.Equal(Space, reply.Json.GetProperty("space_id").GetString());
    }

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_scratch, Guid.NewGuid().ToString("N") + ".databrickscfg");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>No DATABRICKS_HOST: the profile must supply it.</summary>
    private Dictionary<string, string?> ProfileEnv(string? configFile, string? profile) => new()
    {
        ["DATABRICKS_HOST"] = null,
        ["DATABRICKS_CONFIG_FILE"] = configFile,
        ["DATABRICKS_CONFIG_PROFILE"] = profile,
    };
}
