using NATS.Client.Core;
using NATS.Net;

namespace GenieCanvas.Responder.Tests;

/// <summary>A NATS.Net requester, as the bridge would be one. Every call has a timeout.</summary>
public sealed class BusClient : IAsyncDisposable
{
    private readonly NatsConnection _nats;

    private BusClient(NatsConnection nats) => _nats = nats;

    public NatsConnection Connection => _nats;

    public static async Task<BusClient> ConnectAsync(string url)
    {
        var nats = new NatsConnection(new NatsOpts
        {
            Url = url,
            Name = "responder-tests",
            SerializerRegistry = NatsClientDefaultSerializerRegistry.Default,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(500),
        });
        await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return new BusClient(nats);
    }

    public Task<BusReply> GetAsync(string body, string? requestId = null, TimeSpan? timeout = null) =>
        RequestAsync(GenieSubjects.Get, Encoding.UTF8.GetBytes(body), requestId, timeout);

    public Task<BusReply> GetSpaceAsync(string spaceId, TimeSpan? timeout = null) =>
        GetAsync(JsonSerializer.Serialize(new { space_id = spaceId }), timeout: timeout);

    public async Task<BusReply> RequestAsync(string subject, byte[] body, string? requestId = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(15);
        using var cts = new CancellationTokenSource(wait + TimeSpan.FromSeconds(2));
        var headers = requestId is null ? null : new NatsHeaders { [GenieHeaders.RequestId] = requestId };
        var msg = await _nats.RequestAsync<byte[], byte[]>(
            subject,
            body,
            headers,
            requestSerializer: NatsRawSerializer<byte[]>.Default,
            replySerializer: NatsRawSerializer<byte[]>.Default,
            replyOpts: new NatsSubOpts { Timeout = wait },
            cancellationToken: cts.Token);
        return BusReply.From(msg);
    }

    /// <summary>Every reply that arrives within <paramref name="window"/> (discovery subjects answer once per instance).</summary>
    public async Task<List<JsonElement>> RequestManyAsync(string subject, TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window + TimeSpan.FromSeconds(2));
        var replies = new List<JsonElement>();
        await foreach (var msg in _nats.RequestManyAsync<byte[], byte[]>(
            subject,
            [],
            requestSerializer: NatsRawSerializer<byte[]>.Default,
            replySerializer: NatsRawSerializer<byte[]>.Default,
            replyOpts: new NatsSubOpts { Timeout = window },
            cancellationToken: cts.Token))
        {
            replies.Add(JsonDocument.Parse(msg.Data ?? []).RootElement.Clone());
        }
        return replies;
    }

    public async ValueTask DisposeAsync() => await _nats.DisposeAsync();
}
