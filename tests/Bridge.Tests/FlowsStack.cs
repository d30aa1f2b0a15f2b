using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// A nats-server with JetStream (its own store dir) and the bridge in front, serving /api/flows; plus the HTTP calls
/// the flows tests make. No genie responder: flows do not need one.
/// </summary>
public class FlowsStack : IAsyncLifetime, IAsyncDisposable
{
    public const string ValidDocument =
        """{"version":1,"viewport":{"x":0,"y":0,"zoom":1},"nodes":[{"id":"n1","type":"genie","position":{"x":10,"y":20},"data":{"spaceId":"01f0eca3dc1b1cbc9b65fa58f94c18ad"}},{"id":"n2","type":"note","position":{"x":300,"y":20},"data":{"text":"hello"}}],"edges":[{"id":"e1","source":"n1","target":"n2"}]}""";

    public NatsServerProcess Nats { get; private set; } = null!;
    public BridgeProcess Bridge { get; private set; } = null!;

    /// <summary>Starts with <c>jetStream</c> on, and the bridge with these extra settings.</summary>
    protected virtual bool JetStream => true;

    protected virtual IReadOnlyDictionary<string, string?>? BridgeSettings => null;

    public HttpClient Client => Bridge.Client;

    public async Task InitializeAsync()
    {
        Nats = await NatsServerProcess.StartAsync(jetStream: JetStream);
        Bridge = await BridgeProcess.StartAsync(Nats.Url, BridgeSettings);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Connected to NATS (the genie status says so; readiness would wait for a responder).
        await WaitConnectedAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Nats.DisposeAsync();
    }

    /// <summary>For a stack a test starts itself (<c>await using</c>) rather than as a class fixture.</summary>
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public static string Path(string name) => "/api/flows/" + Uri.EscapeDataString(name);

    /// <summary>A name no other test uses (the tests of a class share one bucket).</summary>
    public static string NewName(string prefix = "flow") => $"{prefix} {Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 33)];

    public Task<HttpResponseMessage> PutAsync(string name, string body, string? ifMatch = null, string? ifNoneMatch = null,
        string? contentType = "application/json", CancellationToken cancellationToken = default) =>
        PutBytesAsync(name, Encoding.UTF8.GetBytes(body), ifMatch, ifNoneMatch, contentType, cancellationToken);

    public async Task<HttpResponseMessage> PutBytesAsync(string name, byte[] body, string? ifMatch = null, string? ifNoneMatch = null,
        string? contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path(name)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await Client.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> DeleteAsync(string name, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path(name));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Creates the flow and returns its ETag.</summary>
    public async Task<string> CreateAsync(string name, string body, CancellationToken cancellationToken)
    {
        using var response = await PutAsync(name, body, ifNoneMatch: "*", cancellationToken: cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
        return ETagOf(response);
    }

    /// <summary>GET /api/flows as (name → revision).</summary>
    public async Task<Dictionary<string, ulong>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync("/api/flows", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("flows").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("revision").GetUInt64());
    }

    public static string ETagOf(HttpResponseMessage response) =>
        response.Headers.ETag?.Tag ?? throw new Xunit.Sdk.XunitException($"no ETag on {(int)response.StatusCode}");

    /// <summary>Polls /api/genie/status until the bridge says it is connected to NATS.</summary>
    public async Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        var last = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await Client.GetAsync("/api/genie/status", cancellationToken);
                last = await response.Content.ReadAsStringAsync(cancellationToken);
                if (last.Contains("\"nats\":\"connected\"", StringComparison.Ordinal))
                {
                    return;
                }
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        Assert.Fail("the bridge never connected to NATS; last status " + last);
    }
}
