using System.Diagnostics;
using System.Text;

namespace GenieCanvas.Testing;

/// <summary>One block of a text/event-stream: an event (name + data lines) or a comment line (<see cref="IsComment"/>).</summary>
public sealed record SseBlock(string? Event, IReadOnlyList<string> DataLines, bool IsComment, TimeSpan At)
{
    public string Data => string.Join('\n', DataLines);
}

/// <summary>
/// Reads Server-Sent Events off a response body as a browser would (WHATWG rules: <c>field: value</c> lines, a blank
/// line ends an event, lines starting with ':' are comments). Written for tests, to check the bridge's framing.
/// </summary>
public sealed class SseReader(Stream body)
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Every line as it came, for framing checks.</summary>
    public List<string> RawLines { get; } = [];

    /// <summary>The next event or comment; null at the end of the stream.</summary>
    public async Task<SseBlock?> NextAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            RawLines.Add(line);
            if (line.Length == 0)
            {
                if (name is not null || data.Count > 0)
                {
                    return new SseBlock(name, data, false, _clock.Elapsed);
                }
                continue;
            }
            if (line[0] == ':')
            {
                if (name is null && data.Count == 0)
                {
                    return new SseBlock(null, [line[1..].Trim()], true, _clock.Elapsed);
                }
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            if (field == "event")
            {
                name = value;
            }
            else if (field == "data")
            {
                data.Add(value);
            }
        }
        return name is not null || data.Count > 0 ? new SseBlock(name, data, false, _clock.Elapsed) : null;
    }

    /// <summary>Every event (comments skipped) to the end of the stream.</summary>
    public async Task<List<SseBlock>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        var events = new List<SseBlock>();
        while (await NextAsync(cancellationToken) is { } block)
        {
            if (!block.IsComment)
            {
                events.Add(block);
            }
        }
        return events;
    }
}
