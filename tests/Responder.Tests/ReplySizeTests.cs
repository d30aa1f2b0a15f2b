namespace GenieCanvas.Responder.Tests;

/// <summary>
/// A space whose JSON is larger than the bus allows (nats-server max_payload) gets a prompt 502 saying so, instead of
/// no reply at all (the requester waiting out its timeout). The bus here allows 900 bytes; the Sales space is ~1 KB.
/// </summary>
public sealed class ReplySizeTests : IAsyncLifetime
{
    private const int MaxPayload = 900;
    private const string Large = EmulatorProcess.SalesSpaceId;       // ~1,050 bytes as the responder sends it
    private const string Small = "01f0e1f2a3b4c5d6e7f8a9b0c1d2e3f4"; // Customer Support, ~700 bytes

    private readonly string _config = Path.Combine(Path.GetTempPath(), $"nats-max-payload-{Guid.NewGuid():N}.conf");
    private NatsServerProcess _nats = null!;
    private EmulatorProcess _emulator = null!;
    private ResponderProcess _responder = null!;
    private BusClient _bus = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_config, $"max_payload: {MaxPayload}\n");
        _nats = await NatsServerProcess.StartAsync(["-c", _config]);
        _emulator = await EmulatorProcess.StartAsync();
        _responder = await ResponderProcess.StartAsync(_nats.Url, _emulator.Url, new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = _emulator.Token });
        _bus = await BusClient.ConnectAsync(_nats.Url);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _responder.DisposeAsync();
        await _emulator.DisposeAsync();
        await _nats.DisposeAsync();
        File.Delete(_config);
    }

    [Fact]
    public async Task A_space_larger_than_the_bus_allows_is_a_prompt_502_naming_max_payload()
    {
        Assert.Equal(MaxPayload, _bus.Connection.ServerInfo?.MaxPayload);

        var watch = Stopwatch.StartNew();
        var reply = await _bus.GetAsync($$"""{"space_id":"{{Large}}"}""", requestId: "too-large-1", timeout: TimeSpan.FromSeconds(8));
        watch.Stop();

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamError, reply.ErrorCode);
        Assert.Matches($@"^Genie space '{Large}' was read from Databricks, but its JSON is \d+ bytes, more than the bus's limit of {MaxPayload} bytes; raise max_payload in the nats-server config\.$", reply.ErrorText);
        Assert.Equal("too-large-1", reply.Header(GenieHeaders.RequestId));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the error reply took {watch.Elapsed.TotalMilliseconds:0} ms");
        // The log line tells what the requester got, not 200.
        await _responder.Process.WaitForOutputAsync("request too-large-1 space " + Large + ": 502 UPSTREAM_ERROR, upstream 200", TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("request too-large-1 space " + Large + ": 200", _responder.Process.Output);
    }

    [Fact]
    public async Task A_space_within_the_limit_is_still_answered()
    {
        var reply = await _bus.GetSpaceAsync(Small, timeout: TimeSpan.FromSeconds(8));

        Assert.Equal(200, reply.Status);
        Assert.Equal(Small, reply.Json.GetProperty("space_id").GetString());
    }
}
