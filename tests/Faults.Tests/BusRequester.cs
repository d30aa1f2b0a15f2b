using NATS.Client.Core;

namespace GenieCanvas.Faults.Tests;

/// <summary>Sends raw bytes on a subject as the bridge would (request/reply) and reads the micro-service status of the reply.</summary>
public sealed class BusRequester : IAsyncDisposable
{
    private static readonly NatsRawSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;
    private readonly NatsConnection _nats;

    private BusRequester(NatsConnection nats) => _nats = nats;

    public static async Task<BusRequester> ConnectAsync(string url)
    {
        var nats = new NatsConnection(new NatsOpts { Url = url, Name = "faults-tests" });
        await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return new BusRequester(nats);
    }

    /// <summary>The reply's status (Nats-Service-Error-Code, 200 without it) and error code; 0 and the failure when no reply came.</summary>
    public async Task<(int Status, string? Code)> RequestAsync(string subject, byte[] body, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(1));
        try
        {
            var reply = await _nats.RequestAsync(subject, body, requestSerializer: Raw, replySerializer: Raw,
                replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: cts.Token);
            var text = System.Text.Encoding.UTF8.GetString(reply.Data ?? []);
            var headers = reply.Headers is null ? "" : string.Join("\n", reply.Headers.Select(h => $"{h.Key}: {h.Value}"));
            SuiteEvidence.ScanReply("bus " + subject, headers + "\n" + text);
            if (reply.Headers is { } h && h.TryGetValue(GenieHeaders.ServiceErrorCode, out var code))
            {
                var status = int.TryParse(code.ToString(), out var s) ? s : -1;
                try
                {
                    using var json = System.Text.Json.JsonDocument.Parse(text);
                    return (status, json.RootElement.GetProperty("error").GetProperty("code").GetString());
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    return (status, "(unreadable error body)");
                }
            }
            return (200, null);
        }
        catch (Exception e) when (e is NatsNoReplyException or NatsNoRespondersException or OperationCanceledException)
        {
            return (0, e.GetType().Name);
        }
    }

    public ValueTask DisposeAsync() => _nats.DisposeAsync();
}
