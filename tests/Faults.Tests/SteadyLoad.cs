using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// An open-loop request load on the bridge: one GET every 1/<c>perSecond</c> s, whether earlier ones have answered or
/// not (a slow or dead chain must not slow the load down and hide the failure). Bounded by a request count and a
/// duration; every request has its own timeout, and its outcome is recorded with start and end times on the load's
/// clock, so a test can mark events (<see cref="Now"/>) and count what happened before, during and after them.
/// </summary>
public sealed class SteadyLoad
{
    private readonly HttpClient _client;
    private readonly Func<int, (string Tag, string Path)> _next;
    private readonly TimeSpan _interval;
    private readonly int _maxRequests;
    private readonly TimeSpan _maxDuration;
    private readonly TimeSpan _requestTimeout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentBag<Outcome> _outcomes = [];
    private readonly ConcurrentBag<Task> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _pacer = Task.CompletedTask;

    private SteadyLoad(HttpClient client, int perSecond, int maxRequests, TimeSpan maxDuration, TimeSpan requestTimeout, Func<int, (string, string)> next)
    {
        _client = client;
        _next = next;
        _interval = TimeSpan.FromSeconds(1.0 / perSecond);
        _maxRequests = maxRequests;
        _maxDuration = maxDuration;
        _requestTimeout = requestTimeout;
    }

    /// <summary>Time since the load started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Outcomes so far (requests still under way are not in it).</summary>
    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    /// <summary>
    /// Starts the load. <paramref name="requestTimeout"/> is the client's own limit: a request without an answer by then
    /// is recorded as "no answer", i.e. it hung.
    /// </summary>
    public static SteadyLoad Start(
        HttpClient client, int perSecond, int maxRequests, TimeSpan maxDuration, TimeSpan requestTimeout, Func<int, (string Tag, string Path)> next)
    {
        var load = new SteadyLoad(client, perSecond, maxRequests, maxDuration, requestTimeout, next);
        load._pacer = Task.Run(load.PaceAsync);
        return load;
    }

    /// <summary>Waits until <paramref name="count"/> recorded outcomes match, at most <paramref name="timeout"/>; false if not.</summary>
    public async Task<bool> WaitForAsync(Func<Outcome, bool> match, int count, TimeSpan timeout)
    {
        var deadline = Now + timeout;
        while (Now < deadline)
        {
            if (_outcomes.Count(match) >= count)
            {
                return true;
            }
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>Stops sending, waits for every request under way (each bounded by its timeout) and returns all outcomes.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        await _pacer.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.WhenAll(_requests).WaitAsync(_requestTimeout + TimeSpan.FromSeconds(5));
        var outcomes = _outcomes.OrderBy(o => o.Index).ToList();
        var duration = outcomes.Count == 0 ? TimeSpan.Zero : outcomes.Max(o => o.Started);
        _stop.Dispose();
        return new LoadResult(outcomes, duration);
    }

    private async Task PaceAsync()
    {
        for (var i = 0; i < _maxRequests; i++)
        {
            var wait = _interval * i - _clock.Elapsed;
            try
            {
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_stop.IsCancellationRequested || _clock.Elapsed > _maxDuration)
            {
                return;
            }
            var index = i;
            _requests.Add(Task.Run(() => SendAsync(index)));
        }
    }

    private async Task SendAsync(int index)
    {
        var (tag, path) = _next(index);
        var started = _clock.Elapsed;
        using var timeout = new CancellationTokenSource(_requestTimeout);
        try
        {
            using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var (status, code, retryAfter, _) = await ReplyReader.ReadAsync(response, "HTTP " + tag, timeout.Token);
            _outcomes.Add(new Outcome(index, tag, started, _clock.Elapsed, status, code, retryAfter, null));
        }
        catch (OperationCanceledException)
        {
            _outcomes.Add(new Outcome(index, tag, started, _clock.Elapsed, 0, null, null, $"nothing within {_requestTimeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            _outcomes.Add(new Outcome(index, tag, started, _clock.Elapsed, 0, null, null, e.HttpRequestError.ToString()));
        }
    }
}
