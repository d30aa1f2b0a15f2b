using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// An open-loop GET load on a bridge (one request every 1/rate s, answered or not, so a stuck cluster cannot slow the
/// load and hide the failure), the same shape as tests/Faults.Tests' SteadyLoad. Every request has a client timeout
/// and its outcome is recorded on the load's clock, so a test marks events with <see cref="Now"/> and counts what
/// started or was in flight before, during and after them.
/// </summary>
internal sealed class ClusterLoad
{
    private readonly HttpClient _client;
    private readonly string _path;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _requestTimeout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentBag<Sent> _outcomes = [];
    private readonly ConcurrentBag<Task> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _pacer = Task.CompletedTask;

    /// <summary>One request as the client saw it; <see cref="Status"/> 0 = no HTTP answer (<see cref="Code"/> says why).</summary>
    internal sealed record Sent(TimeSpan Started, TimeSpan Ended, int Status, string? Code, string? RetryAfter)
    {
        public TimeSpan Latency => Ended - Started;

        public bool Ok => Status == 200;

        public string Kind => Status == 0 ? $"no answer ({Code})" : Code is null ? $"{Status}" : $"{Status} {Code}";

        /// <summary>Under way at some point of [from, to].</summary>
        public bool InFlightDuring(TimeSpan from, TimeSpan to) => Started <= to && Ended >= from;
    }

    private ClusterLoad(HttpClient client, string path, int perSecond, TimeSpan requestTimeout)
    {
        _client = client;
        _path = path;
        _interval = TimeSpan.FromSeconds(1.0 / perSecond);
        _requestTimeout = requestTimeout;
    }

    public TimeSpan Now => _clock.Elapsed;

    public static ClusterLoad Start(HttpClient client, string path, int perSecond, TimeSpan maxDuration, TimeSpan requestTimeout)
    {
        var load = new ClusterLoad(client, path, perSecond, requestTimeout);
        load._pacer = Task.Run(() => load.PaceAsync(maxDuration));
        return load;
    }

    /// <summary>Stops sending, waits for every request under way (each bounded by its timeout), returns all outcomes by start.</summary>
    public async Task<IReadOnlyList<Sent>> StopAsync()
    {
        await _stop.CancelAsync();
        await _pacer.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.WhenAll(_requests).WaitAsync(_requestTimeout + TimeSpan.FromSeconds(5));
        return [.. _outcomes.OrderBy(o => o.Started)];
    }

    /// <summary>"200 ×512, 503 RESPONDER_TIMEOUT ×7 (max 9012 ms)".</summary>
    public static string Histogram(IEnumerable<Sent> outcomes)
    {
        var list = outcomes.ToList();
        return list.Count == 0
            ? "none"
            : string.Join(", ", list.GroupBy(o => o.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"))
                + $" (max {list.Max(o => o.Latency).TotalMilliseconds:0} ms)";
    }

    private async Task PaceAsync(TimeSpan maxDuration)
    {
        for (var i = 0; !_stop.IsCancellationRequested && _clock.Elapsed < maxDuration; i++)
        {
            var wait = _interval * i - _clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            _requests.Add(Task.Run(SendAsync));
        }
    }

    private async Task SendAsync()
    {
        var started = _clock.Elapsed;
        using var timeout = new CancellationTokenSource(_requestTimeout);
        try
        {
            using var response = await _client.GetAsync(_path, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            string? code = null;
            if (!response.IsSuccessStatusCode)
            {
                try
                {
                    code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : "(no code)";
                }
                catch (JsonException)
                {
                    code = "(not a problem)";
                }
            }
            _outcomes.Add(new Sent(started, _clock.Elapsed, (int)response.StatusCode, code, response.Headers.RetryAfter?.ToString()));
        }
        catch (OperationCanceledException)
        {
            _outcomes.Add(new Sent(started, _clock.Elapsed, 0, $"nothing within {_requestTimeout.TotalSeconds:0.#} s", null));
        }
        catch (HttpRequestException e)
        {
            _outcomes.Add(new Sent(started, _clock.Elapsed, 0, e.HttpRequestError.ToString(), null));
        }
    }
}
