using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace GenieCanvas.Hosting;

/// <summary>
/// <c>WriteTo.Batched(to => to.Console())</c> (or <c>"Name": "Batched"</c> with <c>"configure"</c> in appsettings): the
/// sinks inside get the log events in batches, at most every 100 ms, through Serilog's own channel-based batching.
/// Replaces Serilog.Sinks.Async, whose BlockingCollection woke its worker for every line: profiled under load, that
/// worker spun on its semaphore for about a quarter of each service's CPU, and every request contended for the lock.
/// The queue is bounded: past 100,000 waiting lines new ones are dropped, never a request blocked.
/// </summary>
public static class BatchedSink
{
    private static readonly BatchingOptions Options = new()
    {
        BatchSizeLimit = 1000,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(100),
        EagerlyEmitFirstEvent = true,
        QueueLimit = 100_000,
    };

    public static LoggerConfiguration Batched(this LoggerSinkConfiguration sinkConfiguration, Action<LoggerSinkConfiguration> configure)
    {
        ArgumentNullException.ThrowIfNull(sinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);
        // The outer logger has filtered and enriched each event already; this one only hands it to the sinks.
        var inner = new LoggerConfiguration().MinimumLevel.Verbose();
        configure(inner.WriteTo);
        return sinkConfiguration.Sink(new Forwarder(inner.CreateLogger()), Options);
    }

    private sealed class Forwarder(Logger sinks) : IBatchedLogEventSink, IDisposable
    {
        public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
        {
            foreach (var logEvent in batch)
            {
                sinks.Write(logEvent);
            }
            return Task.CompletedTask;
        }

        public Task OnEmptyBatchAsync() => Task.CompletedTask;

        // Flushes and closes the file sink with the host.
        public void Dispose() => sinks.Dispose();
    }
}
