using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// GENIE_NATS_AUTH=1 ./start.sh: deploy/nats/auth.conf on the local nats-server with passwords made for the run,
/// each service given only its own, nobody anonymous, and no password in any output, log or command line.
/// </summary>
public sealed partial class StartScriptNatsAuthTests
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;

    [Fact]
    [SupportedOSPlatform("linux")] // file modes, /proc
    public async Task StartShWithNatsAuthServesRefusesAnonymousClientsAndNeverShowsThePasswords()
    {
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string> { ["GENIE_NATS_AUTH"] = "1" });
        await stack.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        Assert.Contains("NATS authentication on (GENIE_NATS_AUTH=1)", stack.Output, StringComparison.Ordinal);

        // The run's server config: readable by this user only, one fresh password per service.
        var config = Path.Combine(stack.RunDir, "nats-auth.conf");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        var passwords = PasswordLine().Matches(await File.ReadAllTextAsync(config))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(["BRIDGE", "RESPONDER"], passwords.Keys.Order());
        var responderPassword = passwords["RESPONDER"];
        var bridgePassword = passwords["BRIDGE"];
        Assert.NotEqual(responderPassword, bridgePassword);
        Assert.True(responderPassword.Length >= 40, "a short password");

        // It still serves: a genie get through the bridge, readiness, and flows (JetStream key-value with the bridge's user).
        var space = await Http.GetAsync(stack.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(space.Status == 200, space.ToString());
        Assert.Equal(SpaceId, space.Json.GetProperty("id").GetString());
        var ready = await Http.GetAsync(stack.Client, "/health/ready");
        Assert.True(ready.Status == 200, ready.ToString());
        Assert.Equal("Healthy", ready.Json.GetProperty("status").GetString());
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/flows/auth-check"))
        {
            put.Content = new StringContent("""{"version":1,"nodes":[{"id":"a"}],"edges":[]}""", Encoding.UTF8, "application/json");
            put.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
            using var created = await stack.Client.SendAsync(put);
            Assert.Equal(201, (int)created.StatusCode);
        }
        var flows = await Http.GetAsync(stack.Client, "/api/flows");
        Assert.True(flows.Status == 200, flows.ToString());
        Assert.Contains(flows.Json.GetProperty("flows").EnumerateArray(), f => f.GetProperty("name").GetString() == "auth-check");

        // The services' permissions covered all of that: the server refused them nothing.
        var natsLog = await File.ReadAllTextAsync(Path.Combine(stack.LogDir, "nats.log"));
        Assert.DoesNotContain("Violation", natsLog, StringComparison.Ordinal);

        // Each service has its own user and password in its environment, and nothing else has either.
        var children = stack.StartedChildren();
        Assert.Equal(["bridge", "emulator", "nats", "responder"], children.Keys.Order());
        AssertNatsLogin(children["responder"], "responder", responderPassword, bridgePassword);
        AssertNatsLogin(children["bridge"], "bridge", bridgePassword, responderPassword);
        foreach (var other in new[] { "nats", "emulator" })
        {
            var environment = EnvironmentOf(children[other]);
            Assert.DoesNotContain(responderPassword, environment, StringComparison.Ordinal);
            Assert.DoesNotContain(bridgePassword, environment, StringComparison.Ordinal);
        }

        // An anonymous client on this machine: the server closes the connection before anything is published.
        var anonymous = await NatsWire.TalkAsync(ports.Nats, user: null, password: null, "PUB genie.get 2", "{}");
        Assert.Contains("-ERR 'Authorization Violation'", anonymous);
        Assert.DoesNotContain("PONG", anonymous);
        // The generated passwords are the ones the server checks, with auth.conf's permissions.
        var asResponder = await NatsWire.TalkAsync(ports.Nats, "responder", responderPassword, "PUB genie.get 2", "{}");
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"genie.get\"'", asResponder);
        Assert.Equal("PONG", asResponder[^1]);
        var asBridge = await NatsWire.TalkAsync(ports.Nats, "bridge", bridgePassword, "SUB genie.get 1");
        Assert.Contains(asBridge, l => l.StartsWith("-ERR 'Permissions Violation for Subscription to \"genie.get\"", StringComparison.Ordinal));
        Assert.Equal("PONG", asBridge[^1]);

        // No password in start.sh's output, in any log, in the pid file or on any command line.
        var running = ProcessTree.Descendants(stack.Process.Pid);
        Assert.True(Signals.Send(-stack.Process.Pid, Signals.SigInt));
        await StartScriptTests.AssertStoppedCleanlyAsync(stack, running, expectedExitCode: 130);
        var files = Directory.GetFiles(stack.LogDir).Append(stack.PidFile).Where(File.Exists).ToList();
        Assert.Contains(files, f => f.EndsWith("responder.log", StringComparison.Ordinal));
        foreach (var password in new[] { responderPassword, bridgePassword })
        {
            Assert.DoesNotContain(password, stack.Output, StringComparison.Ordinal);
            foreach (var file in files)
            {
                Assert.DoesNotContain(password, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            }
            Assert.DoesNotContain(running, p => p.CommandLine.Contains(password, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartShRefusesNatsAuthWithAnExternalServerBeforeStartingAnything()
    {
        var ports = StackPorts.Free();
        await using var stack = StartScript.Launch(ports, new Dictionary<string, string>
        {
            ["GENIE_NATS_AUTH"] = "1",
            ["NATS_URL"] = $"nats://127.0.0.1:{ports.Nats.ToString(CultureInfo.InvariantCulture)}",
        });

        Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(30)), "start.sh kept running:\n" + stack.Output);
        Assert.Equal(1, stack.Process.ExitCode);
        Assert.Contains("GENIE_NATS_AUTH=1 configures the nats-server start.sh starts, but NATS_URL names another one", stack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[start] started", stack.Output, StringComparison.Ordinal);
    }

    /// <summary>The process has NATS_USER=<paramref name="user"/> and its own password, never the other service's.</summary>
    private static void AssertNatsLogin(int pid, string user, string password, string otherPassword)
    {
        var environment = EnvironmentOf(pid).Split('\0');
        Assert.Contains($"NATS_USER={user}", environment);
        Assert.Contains($"NATS_PASSWORD={password}", environment);
        Assert.DoesNotContain(environment, v => v.Contains(otherPassword, StringComparison.Ordinal));
    }

    private static string EnvironmentOf(int pid) => File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");

    [GeneratedRegex(@"^(RESPONDER|BRIDGE)_NATS_PASSWORD: ""([^""]+)""$", RegexOptions.Multiline)]
    private static partial Regex PasswordLine();
}
