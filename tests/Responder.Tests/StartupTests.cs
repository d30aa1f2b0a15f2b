namespace GenieCanvas.Responder.Tests;

/// <summary>Configuration that cannot work stops the process at once with one line saying what to set; no stack trace.</summary>
public sealed class StartupTests
{
    private const string Nats = "nats://127.0.0.1:1"; // never reached: the process stops before connecting

    [Fact]
    public async Task Without_a_host_it_exits_non_zero_with_one_line_naming_DATABRICKS_HOST()
    {
        var line = await StartAndExpectOneLineAsync(null, new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = "dapi-test-host-missing" });

        Assert.Contains("DATABRICKS_HOST is not set", line);
        Assert.DoesNotContain("dapi-test-host-missing", line);
    }

    [Fact]
    public async Task Without_credentials_it_exits_non_zero_with_one_line_naming_the_variables()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>());

        Assert.Contains("No Databricks credentials", line);
        Assert.Contains("DATABRICKS_TOKEN", line);
        Assert.Contains("DATABRICKS_CLIENT_ID", line);
    }

    [Fact]
    public async Task A_client_id_without_its_secret_names_DATABRICKS_CLIENT_SECRET()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?> { ["DATABRICKS_CLIENT_ID"] = "abc" });

        Assert.Contains("DATABRICKS_CLIENT_SECRET is not set", line);
    }

    [Fact]
    public async Task A_token_and_a_client_id_without_auth_type_is_more_than_one_authorization_method()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-conflict-token",
            ["DATABRICKS_CLIENT_ID"] = "client",
            ["DATABRICKS_CLIENT_SECRET"] = "dose-conflict-secret",
        });

        Assert.Contains("more than one authorization method configured", line);
        Assert.DoesNotContain("dapi-conflict-token", line);
        Assert.DoesNotContain("dose-conflict-secret", line);
    }

    [Fact]
    public async Task A_named_profile_that_is_not_in_the_file_is_named()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "[DEFAULT]\nhost = https://dbc-1.cloud.databricks.com\ntoken = dapi-x\n");
            var line = await StartAndExpectOneLineAsync(null, new Dictionary<string, string?>
            {
                ["DATABRICKS_CONFIG_FILE"] = file,
                ["DATABRICKS_CONFIG_PROFILE"] = "staging",
            });

            Assert.Contains("Profile 'staging' is not in the Databricks config file", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Invalid_tuning_is_refused_at_start()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-x",
            ["Responder__MaxConcurrency"] = "0",
        });

        Assert.Contains("Responder:MaxConcurrency", line);
    }

    [Fact]
    public async Task A_tuning_value_of_the_wrong_type_is_one_line_naming_the_setting()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-x",
            ["Responder__TotalBudget"] = "abc",
        });

        Assert.Contains("Responder:TotalBudget", line);
    }

    [Fact]
    public async Task An_unknown_auth_type_is_named_as_not_supported()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-auth-type-token",
            ["DATABRICKS_AUTH_TYPE"] = "databricks-cli",
        });

        Assert.Contains("DATABRICKS_AUTH_TYPE 'databricks-cli' is not supported; use pat or oauth-m2m.", line);
        Assert.DoesNotContain("No Databricks credentials", line);
        Assert.DoesNotContain("dapi-auth-type-token", line);
    }

    [Fact]
    public async Task Two_bad_settings_at_once_are_one_line_naming_both()
    {
        // Two options types fail validation together: .NET reports them as an AggregateException.
        var line = await StartAndExpectOneLineAsync(null, new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-two-problems",
            ["NATS_USER"] = "genie",
        });

        Assert.Contains("DATABRICKS_HOST is not set", line);
        Assert.Contains("NATS_USER and NATS_PASSWORD must be set together", line);
        Assert.DoesNotContain("dapi-two-problems", line);
    }

    [Fact]
    public async Task Fewer_requests_in_flight_than_Databricks_calls_is_refused_at_start()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-x",
            ["Responder__MaxConcurrency"] = "64",
            ["Responder__MaxInFlight"] = "32",
        });

        Assert.Contains("Responder:MaxInFlight", line);
        Assert.Contains("at least Responder:MaxConcurrency", line);
    }

    [Fact]
    public async Task An_ask_budget_over_10_minutes_or_a_row_cap_over_5000_is_named()
    {
        var line = await StartAndExpectOneLineAsync("https://dbc-1.cloud.databricks.com", new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = "dapi-ask-budget",
            ["Responder__AskBudget"] = "00:11:00",
            ["Responder__AskMaxRows"] = "6000",
        });

        Assert.Contains("Responder:AskBudget must be between", line);
        Assert.Contains("Responder:AskMaxRows must be between 1 and 5000", line);
    }

    private static async Task<string> StartAndExpectOneLineAsync(string? host, Dictionary<string, string?> env)
    {
        await using var process = ResponderProcess.Start(Nats, host, env);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the responder kept running:\n" + process.Output);
        Assert.Equal(2, process.ExitCode); // a configuration problem, one setting or several (README)
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains("Genie responder cannot start", line);
        Assert.DoesNotContain("Exception", line);
        return line;
    }
}
