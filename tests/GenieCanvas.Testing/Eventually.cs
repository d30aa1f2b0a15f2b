using System.Diagnostics;
using System.Net;

namespace GenieCanvas.Testing;

/// <summary>
/// The one polling helper of the test suites: ask again every <see cref="Interval"/> until the answer is there or the
/// time is up, then fail with a message that says what was last seen (a <see cref="TimeoutException"/>: this library
/// references no test framework).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first non-null answer of <paramref name="probe"/> within <paramref name="timeout"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default)
        where T : class
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await probe(cts.Token) is { } value)
                {
                    return value;
                }
                await Task.Delay(Interval, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {watch.Elapsed.TotalSeconds:0.0} s: {failure()}");
            }
        }
    }

    /// <inheritdoc cref="ValueAsync{T}(Func{CancellationToken, Task{T}}, TimeSpan, Func{string}, CancellationToken)"/>
    public static Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default)
        where T : class =>
        ValueAsync(_ => Task.FromResult(probe()), timeout, failure, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default) =>
        ValueAsync<object>(async ct => await condition(ct) ? true : null, timeout, failure, cancellationToken);

    /// <inheritdoc cref="TrueAsync(Func{CancellationToken, Task{bool}}, TimeSpan, Func{string}, CancellationToken)"/>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default) =>
        TrueAsync(_ => condition(), timeout, failure, cancellationToken);

    /// <inheritdoc cref="TrueAsync(Func{CancellationToken, Task{bool}}, TimeSpan, Func{string}, CancellationToken)"/>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default) =>
        TrueAsync(_ => Task.FromResult(condition()), timeout, failure, cancellationToken);

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/> (readiness is cached ~1 s, reconnects take a moment).</summary>
    public static async Task StatusAsync(HttpClient client, string path, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        HttpStatusCode? last = null;
        var lastBody = "";
        await ValueAsync<object>(async ct =>
        {
            using var response = await client.GetAsync(path, ct);
            last = response.StatusCode;
            if (last == expected)
            {
                return true;
            }
            lastBody = await response.Content.ReadAsStringAsync(ct);
            return null;
        }, Timeout.InfiniteTimeSpan, () => $"{path} never answered {(int)expected}; last {(int?)last}: {lastBody}", cancellationToken);
    }
}
