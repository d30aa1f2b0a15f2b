using System.Text.RegularExpressions;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// Runs last (<see cref="SecretsCheckLast"/>): after every scenario, no captured output of any process the suite
/// started and no reply it received contains a PAT, a client secret or an issued OAuth access token. It first adds a
/// scenario of its own where leaks are likeliest: auth failures with both credential kinds, everything at Debug.
/// </summary>
public sealed partial class SecretsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_output_and_no_reply_of_the_whole_suite_contains_a_token_or_client_secret()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using (var stack = await FaultStack.StartAsync(new StackSettings { Auth = ResponderAuth.OAuthM2M, Verbose = true }, cts.Token))
        {
            await stack.StartResponderAsync(cts.Token, ResponderAuth.Pat);
            // The token endpoint refuses the client for a while, then data-rooms refuses every bearer token for a while.
            await stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/oidc/v1/token", Status = 401, Times = 20 }, cts.Token);
            await stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/data-rooms/", Status = 401, Times = 40 }, cts.Token);
            var load = Scenario.StartLoad(stack, i => i % 2 == 0 ? ("sales", Scenario.SalesPath) : ("unknown", Scenario.SpacePath($"no-such-space-{i}")),
                maxDuration: TimeSpan.FromSeconds(2));
            await Task.Delay(TimeSpan.FromSeconds(2.2), cts.Token);
            var result = await load.StopAsync();
            Scenario.Report(output, "secrets (auth trouble, Debug logs)", result);
            Assert.Contains(result.All, o => o.Code == GenieErrorCodes.UpstreamAuth);
            Assert.Contains(result.All, o => o.Ok);
        }

        var secrets = SuiteEvidence.Secrets;
        var outputs = SuiteEvidence.Outputs;
        output.WriteLine($"[secrets] {secrets.Count} secrets checked against {outputs.Count} process outputs " +
            $"({outputs.Sum(o => o.Text.Length) / 1024} KiB: {string.Join(", ", outputs.GroupBy(o => o.Name).Select(g => $"{g.Key} ×{g.Count()}"))}) " +
            $"and {SuiteEvidence.RepliesScanned} replies");

        Assert.Contains(outputs, o => o.Name == FaultStack.ResponderLabel(ResponderAuth.OAuthM2M));
        Assert.Contains(outputs, o => o.Name == FaultStack.ResponderLabel(ResponderAuth.Pat));
        Assert.Contains(secrets, s => s.Kind.Contains("client secret", StringComparison.Ordinal));
        var leaks = new List<string>();
        foreach (var (name, text) in outputs)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{name} printed nothing: the check would prove nothing");
            leaks.AddRange(secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{name} printed the {s.Kind}"));
            if (IssuedToken().Match(text) is { Success: true })
            {
                leaks.Add($"{name} printed an OAuth access token issued by the emulator");
            }
            if (BearerValue().Match(text) is { Success: true })
            {
                leaks.Add($"{name} printed a bearer token value");
            }
        }
        leaks.AddRange(SuiteEvidence.ReplyLeaks);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    // The emulator issues "emu-oauth-" + 48 hex digits (services/databricks-emulator/Auth/TokenStore.cs).
    [GeneratedRegex("emu-oauth-[0-9a-f]{16}")]
    private static partial Regex IssuedToken();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex BearerValue();
}
