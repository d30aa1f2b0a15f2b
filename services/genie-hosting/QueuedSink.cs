using System.Threading.Channels;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace GenieCanvas.Hosting;

/// <summary>
/// <c>WriteTo.Queued(to => to.Console())</c> (or <c>"Name": "Queued"</c> with <c>"configure"</c> in appsettings): the
/// sinks inside are written by one reader of a channel, off the request path, each wake-up draining every line that
/// is waiting. Replaces Serilog.Sinks.Async: profiled under load, its BlockingCollection's worker spun on a semaphore
/// for about a quarter of each service's CPU, and every request contended for that semaphore's lock. (Serilog's own
/// batching would be as cheap, but holds lines back for its period, and a line should show when it happens.)
/// Bounded: past 100,000 waiting lines new ones are dropped, never a request blocked.
/// </summary>
public static class QueuedSink
{
    private const int Limit = 100_000;

    public static LoggerConfiguration Queued(this LoggerSinkConfiguration sinkConfiguration, Action<LoggerSinkConfiguration> configure)
    {
        ArgumentNullException.ThrowIfNull(sinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);
        // The outer logger has filtered and enriched each event already; this one only hands it to the sinks.
        var inner = new LoggerConfiguration().MinimumLevel.Verbose();
        configure(inner.WriteTo);
        return sinkConfiguration.Sink(new Queue(inner.CreateLogger()));
    }

    private sealed class Queue : ILogEventSink, IDisposable
    {
        private readonly Channel<LogEvent> _lines = Channel.CreateUnbounded<LogEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Logger _sinks;
        private readonly Task _reader;
        private int _waiting;

        public Queue(Logger sinks)
        {
            _sinks = sinks;
            _reader = Task.Run(ReadAsync);
        }

        public void Emit(LogEvent logEvent)
        {
            if (Interlocked.Increment(ref _waiting) > Limit || !_lines.Writer.TryWrite(logEvent))
            {
                Interlocked.Decrement(ref _waiting); // full (or closed): dropped
            }
        }

        private async Task ReadAsync()
        {
            while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_lines.Reader.TryRead(out var logEvent))
                {
                    Interlocked.Decrement(ref _waiting);
                    _sinks.Write(logEvent); // a failing sink is Serilog's to report (SelfLog); it never throws here
                }
            }
        }

        /// <summary>With the host: what is queued is written, then the file sink is flushed and closed.</summary>
        public void Dispose()
        {
            _lines.Writer.TryComplete();
            _reader.Wait(TimeSpan.FromSeconds(5));
            _sinks.Dispose();
        }
    }
}
