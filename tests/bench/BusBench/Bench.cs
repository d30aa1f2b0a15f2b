using System.Diagnostics;
using System.Text;
using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Net;

namespace GenieCanvas.BusBench;

/// <summary>Requests genie.get the way the bridge does (NATS.Net request/reply) and times each round trip.</summary>
public sealed class Bench(NatsConnection nats, BenchSettings settings) : IAsyncDisposable
{
    private static readonly NatsSubOpts ReplyOpts = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly byte[][] _bodies = settings.SpaceIds.Select(id => Encoding.UTF8.GetBytes($"{{\"space_id\":\"{id}\"}}")).ToArray();

    public static async Task<Bench> ConnectAsync(BenchSettings settings)
    {
        var nats = new NatsConnection(new NatsOpts { Url = settings.Url, Name = "bus-bench", SerializerRegistry = NatsClientDefaultSerializerRegistry.Default });
        await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return new Bench(nats, settings);
    }

    public async Task WarmUpAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            await RequestAsync(i);
        }
    }

    /// <summary>One requester, one request at a time: the round-trip latency.</summary>
    public async Task<BenchResult> SequentialAsync()
    {
        var latencies = new List<double>(settings.SequentialRequests);
        var errors = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < settings.SequentialRequests; i++)
        {
            var (ok, ms) = await RequestAsync(i);
            latencies.Add(ms);
            errors += ok ? 0 : 1;
        }
        return new BenchResult("sequential (1 requester)", settings.SequentialRequests, errors, watch.Elapsed, latencies);
    }

    /// <summary><see cref="BenchSettings.Concurrency"/> requesters in a closed loop for <see cref="BenchSettings.Duration"/>: the throughput.</summary>
    public async Task<BenchResult> ConcurrentAsync()
    {
        var latencies = new List<double>[settings.Concurrency];
        var errors = new int[settings.Concurrency];
        var watch = Stopwatch.StartNew();
        var until = watch.Elapsed + settings.Duration;
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            for (var i = worker; watch.Elapsed < until; i += settings.Concurrency)
            {
                var (ok, ms) = await RequestAsync(i);
                latencies[worker].Add(ms);
                errors[worker] += ok ? 0 : 1;
            }
        }));
        watch.Stop();
        var all = latencies.SelectMany(l => l).ToList();
        return new BenchResult($"concurrent ({settings.Concurrency} requesters)", all.Count, errors.Sum(), watch.Elapsed, all);
    }

    public ValueTask DisposeAsync() => nats.DisposeAsync();

    private async Task<(bool Ok, double Ms)> RequestAsync(int i)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await nats.RequestAsync<byte[], byte[]>(
                GenieSubjects.Get, _bodies[i % _bodies.Length],
                requestSerializer: NatsRawSerializer<byte[]>.Default,
                replySerializer: NatsRawSerializer<byte[]>.Default,
                replyOpts: ReplyOpts);
            var ok = reply.Headers is null || !reply.Headers.ContainsKey(GenieHeaders.ServiceErrorCode);
            return (ok, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (NatsException)
        {
            return (false, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
