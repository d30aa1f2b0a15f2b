using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace GenieCanvas.Hosting;

/// <summary>
/// Serilog, stage two: the console from the <c>Serilog</c> section of appsettings (each service prefixes its own lines
/// there), plus, when <c>GENIE_LOG_DIR</c> is set, the service's own rolling log file. Both are written by a queue off
/// the request path (<see cref="QueuedSink"/>), dropping lines rather than blocking a request, so a slow terminal or
/// disk never slows a request down.
/// </summary>
public static class GenieLogging
{
    public static IHostApplicationBuilder AddGenieLogging(this IHostApplicationBuilder builder)
    {
        var file = LogFile.From(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddSerilog((provider, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext()
                .Enrich.With<RequestContextEnricher>() // {RequestContext} in the console template: request id and trace id
                // A configuration problem is reported once, as one line, by GenieHost; not again with a stack trace by the host.
                .Filter.ByExcluding(e => ConfigurationProblems.Is(e.Exception));
            if (file is not null)
            {
                logger.WriteTo.Queued(
                    to => to.File(
                        file.Path,
                        outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                        fileSizeLimitBytes: file.SizeLimitBytes,
                        rollOnFileSizeLimit: true,
                        retainedFileCountLimit: file.RetainedFiles,
                        // Written in blocks, not a write per line; on disk within a second, and on exit (CloseAndFlush).
                        buffered: true,
                        flushToDiskInterval: TimeSpan.FromSeconds(1)));
            }
        });
        return builder;
    }

    /// <summary>
    /// <c>$GENIE_LOG_DIR/&lt;service&gt;.log</c> (responder.log, bridge.log), rolled at <c>GENIE_LOG_FILE_MB</c> (10) into
    /// responder_001.log …, at most <c>GENIE_LOG_FILES</c> (10) files kept: at most 100 MB per service by default.
    /// </summary>
    private sealed record LogFile(string Path, long SizeLimitBytes, int RetainedFiles)
    {
        public static LogFile? From(IConfiguration configuration, string applicationName)
        {
            var directory = configuration["GENIE_LOG_DIR"];
            if (string.IsNullOrWhiteSpace(directory))
            {
                return null;
            }
            var name = applicationName.Replace("GenieCanvas.", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            return new LogFile(
                System.IO.Path.Combine(directory, name + ".log"),
                Positive(configuration, "GENIE_LOG_FILE_MB", 10) * 1024L * 1024L,
                (int)Positive(configuration, "GENIE_LOG_FILES", 10));
        }

        private static long Positive(IConfiguration configuration, string key, long fallback)
        {
            var text = configuration[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }
            return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 10_000
                ? value
                : throw new Microsoft.Extensions.Options.OptionsValidationException(
                    key, typeof(LogFile), [$"{key} must be a whole number from 1 to 10000 (it is '{text}')."]);
        }
    }
}
