using System.Globalization;

namespace GenieCanvas.Testing;

/// <summary>
/// The http-bridge (services/http-bridge), really started on a free loopback port (BRIDGE_PORT) against a NATS URL,
/// with an <see cref="HttpClient"/> aimed at it. <see cref="StartAsync"/> returns once <c>/health</c> answers 200,
/// which it does whether or not NATS is up.
/// </summary>
public sealed class BridgeProcess : IAsyncDisposable
{
    public const string AssemblyName = "GenieCanvas.Bridge";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private BridgeProcess(ServiceProcess process, int port)
    {
        Process = process;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        // Loopback only: never through a proxy the environment may name.
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public ServiceProcess Process { get; }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>A client with <see cref="BaseUrl"/> as its base address (no proxy, no redirects).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the built bridge with NATS_URL, BRIDGE_PORT and <paramref name="env"/> (e.g. Bridge__RequestTimeout).</summary>
    public static async Task<BridgeProcess> StartAsync(string natsUrl, IReadOnlyDictionary<string, string?>? env = null)
    {
        // A free port can be taken between the probe and the bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Next();
            var environment = new Dictionary<string, string?>
            {
                ["NATS_URL"] = natsUrl,
                ["BRIDGE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            };
            foreach (var (key, value) in env ?? new Dictionary<string, string?>())
            {
                environment[key] = value;
            }
            var bridge = new BridgeProcess(ServiceProcess.StartDotnet(AssemblyName, environment), port);
            try
            {
                await bridge.Process.WaitUntilAsync(bridge.IsLiveAsync, StartTimeout, "serving /health");
                return bridge;
            }
            catch (InvalidOperationException) when (attempt < 3 && bridge.Process.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                await bridge.DisposeAsync();
            }
            catch
            {
                await bridge.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    private async Task<bool> IsLiveAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var response = await Client.GetAsync("/health", cts.Token);
        return response.IsSuccessStatusCode;
    }
}
