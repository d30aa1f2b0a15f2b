using System.Globalization;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// Processes as /proc shows them: descendants of a pid, and whether a process seen earlier is still running
/// (same pid and the same start time, so a recycled pid is not mistaken for it).
/// </summary>
internal static class ProcessTree
{
    internal sealed record Entry(int Pid, int ParentPid, long StartTicks, string CommandLine);

    /// <summary>Every running process below <paramref name="pid"/> (children, grandchildren, ...).</summary>
    public static IReadOnlyList<Entry> Descendants(int pid)
    {
        var all = Snapshot();
        var result = new List<Entry>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(e => e.ParentPid == parent))
            {
                result.Add(child);
                frontier.Enqueue(child.Pid);
            }
        }
        return result;
    }

    /// <summary>True while the process is running (a zombie has ended: it only waits to be reaped).</summary>
    public static bool IsRunning(Entry entry) =>
        Read(entry.Pid) is { } now && now.StartTicks == entry.StartTicks && !IsZombie(entry.Pid);

    /// <summary>The running process with this pid (its start time, command line), or null.</summary>
    public static Entry? Find(int pid) => Read(pid) is { } entry && !IsZombie(pid) ? entry : null;

    /// <summary>The command line of a running process, or null when there is none with that pid.</summary>
    public static string? CommandLine(int pid) => Read(pid) is { } entry && !IsZombie(pid) ? entry.CommandLine : null;

    private static List<Entry> Snapshot() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Read(pid) : null)
            .OfType<Entry>()];

    private static Entry? Read(int pid)
    {
        try
        {
            // Fields after the parenthesised command name: state ppid pgrp session ... starttime is field 22.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new Entry(
                pid,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[19], CultureInfo.InvariantCulture),
                cmdline);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
