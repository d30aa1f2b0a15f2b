using System.Net;

namespace GenieCanvas.Responder.Tests;

/// <summary>
/// An answer from Databricks larger than 4 MiB is not read into memory: the request gets 502 UPSTREAM_ERROR "too
/// large" at once, with a Content-Length or without (chunked). The upstream here is a plain HTTP listener on loopback
/// that answers every path with a 5 MiB JSON object (the emulator serves only realistic spaces).
/// </summary>
public sealed class UpstreamBodyCapTests : IAsyncLifetime
{
    private const string Space = "01f0aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly byte[] Huge = Encoding.UTF8.GetBytes($$"""{"space_id":"{{Space}}","pad":"{{new string('x', 5 * 1024 * 1024)}}"}""");

    private readonly HttpListener _upstream = new();
    private readonly CancellationTokenSource _stop = new();
    private NatsServerProcess _nats = null!;
    private ResponderProcess _responder = null!;
    private BusClient _bus = null!;
    private Task _serving = Task.CompletedTask;
    private bool _chunked;

    public async Task InitializeAsync()
    {
        var port = FreeTcpPort.Next();
        _upstream.Prefixes.Add($"http://127.0.0.1:{port}/");
        _upstream.Start();
        _serving = ServeAsync();
        _nats = await NatsServerProcess.StartAsync();
        _responder = await ResponderProcess.StartAsync(_nats.Url, $"http://127.0.0.1:{port}", new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = "dapi-cap-test" });
        _bus = await BusClient.ConnectAsync(_nats.Url);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _responder.DisposeAsync();
        await _nats.DisposeAsync();
        await _stop.CancelAsync();
        _upstream.Stop();
        await _serving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _upstream.Close();
        _stop.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_over_4_MiB_is_a_502_saying_it_is_too_large(bool chunked)
    {
        _chunked = chunked;

        var reply = await _bus.GetAsync($$"""{"space_id":"{{Space}}"}""", requestId: "cap-" + chunked, timeout: TimeSpan.FromSeconds(9));

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamError, reply.ErrorCode);
        Assert.Contains("too large", reply.ErrorText);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _upstream.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    context.Response.ContentType = "application/json";
                    context.Response.SendChunked = _chunked;
                    if (!_chunked)
                    {
                        context.Response.ContentLength64 = Huge.Length;
                    }
                    await context.Response.OutputStream.WriteAsync(Huge);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The responder stopped reading: what the cap is for.
                }
            });
        }
    }
}
