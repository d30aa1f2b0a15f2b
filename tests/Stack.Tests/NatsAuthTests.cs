using System.Globalization;
using System.Security.Cryptography;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// deploy/nats/auth.conf: the services work with their own users and nothing more; nobody gets in anonymously.
/// </summary>
public sealed class NatsAuthTests : IAsyncLifetime
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;

    // Letter first, as auth.conf asks: nats-server parses the variable's value as a config value.
    private readonly string _responderPassword = "p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _bridgePassword = "p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _scratch = Directory.CreateTempSubdirectory("nats-auth-test-").FullName;
    private ServiceProcess? _server;
    private int _port;

    private ServiceProcess Server => _server ?? throw new InvalidOperationException("not started");

    private string Url => $"nats://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        _port = FreeTcpPort.Next();
        // The config as shipped; only the ports move (flags win over the file) and the JetStream store goes to a scratch
        // folder; the passwords come from the environment.
        var config = await NatsConfigs.CopyWithStoreDirAsync(NatsConfigs.Auth, _scratch, Path.Combine(_scratch, "jetstream"));
        _server = await NatsConfigs.StartServerAsync(
            "nats-auth",
            ["-c", config, "-p", _port.ToString(CultureInfo.InvariantCulture), "-m", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>
            {
                ["RESPONDER_NATS_PASSWORD"] = _responderPassword,
                ["BRIDGE_NATS_PASSWORD"] = _bridgePassword,
            });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task ServicesWorkWithTheirOwnUsers()
    {
        await using var workspace = await EmulatorProcess.StartAsync();
        await using var responder = await ResponderProcess.StartAsync(Url, workspace.Url, new Dictionary<string, string?>
        {
            ["DATABRICKS_TOKEN"] = workspace.Token,
            ["NATS_USER"] = "responder",
            ["NATS_PASSWORD"] = _responderPassword,
        });
        await using var bridge = await BridgeProcess.StartAsync(Url, new Dictionary<string, string?>
        {
            ["NATS_USER"] = "bridge",
            ["NATS_PASSWORD"] = _bridgePassword,
        });

        await Eventually.TrueAsync(
            async () => (await Http.TryGetAsync(bridge.Client, "/health/ready")).Status == 200,
            TimeSpan.FromSeconds(30),
            () => "bridge not ready:\n" + bridge.Process.Output);
        var space = await Http.GetAsync(bridge.Client, $"/api/genie/get?space_id={SpaceId}");
        Assert.True(space.Status == 200, space.ToString());
        Assert.Equal(SpaceId, space.Json.GetProperty("space_id").GetString());

        // Their permissions cover everything they do: the server refused them nothing (it logs "Subscription
        // Violation", "Publish Violation", "Authorization Violation"; the clients hear "Permissions Violation").
        Assert.DoesNotContain("Violation", Server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Violation", responder.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Violation", bridge.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_responderPassword, responder.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_bridgePassword, bridge.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousClientIsRefused()
    {
        var lines = await NatsWire.TalkAsync(_port, user: null, password: null);

        Assert.Contains("-ERR 'Authorization Violation'", lines);
        Assert.DoesNotContain("PONG", lines);
    }

    [Fact]
    public async Task WrongPasswordIsRefused()
    {
        var lines = await NatsWire.TalkAsync(_port, "bridge", "not-" + _bridgePassword);

        Assert.Contains("-ERR 'Authorization Violation'", lines);
    }

    [Fact]
    public async Task BridgeUserCannotSubscribeToGenieGet()
    {
        var lines = await NatsWire.TalkAsync(_port, "bridge", _bridgePassword, "SUB genie.get 1", "SUB genie.get genie 2");

        // The plain subscription and the queue subscription (the second message adds 'using queue "genie"').
        Assert.Equal(2, lines.Count(l => l.StartsWith("-ERR 'Permissions Violation for Subscription to \"genie.get\"", StringComparison.Ordinal)));
        Assert.Equal("PONG", lines[^1]); // authenticated: only the subscriptions were refused
    }

    [Fact]
    public async Task ResponderUserCannotSendRequestsOrReadInboxes()
    {
        var lines = await NatsWire.TalkAsync(_port, "responder", _responderPassword, "PUB genie.get _INBOX.x 2", "{}", "SUB _INBOX.> 1");

        Assert.Contains("-ERR 'Permissions Violation for Publish to \"genie.get\"'", lines);
        Assert.Contains("-ERR 'Permissions Violation for Subscription to \"_INBOX.>\"'", lines);
        Assert.Equal("PONG", lines[^1]);
    }
}
