namespace GenieCanvas.Faults.Tests;

/// <summary>
/// What the whole suite saw, for the secrets check at the end: every secret handed to a process, the captured output
/// of every process started, and a scan of every reply (HTTP and bus) as it arrived. Thread-safe.
/// </summary>
public static class SuiteEvidence
{
    private static readonly Lock Gate = new();
    private static readonly List<(string Kind, string Value)> SecretList = [];
    private static readonly List<(string Name, string Text)> OutputList = [];
    private static readonly List<string> LeakList = [];
    private static long _repliesScanned;

    public static long RepliesScanned => Interlocked.Read(ref _repliesScanned);

    public static IReadOnlyList<(string Kind, string Value)> Secrets
    {
        get
        {
            lock (Gate)
            {
                return [.. SecretList];
            }
        }
    }

    public static IReadOnlyList<(string Name, string Text)> Outputs
    {
        get
        {
            lock (Gate)
            {
                return [.. OutputList];
            }
        }
    }

    /// <summary>Replies in which a registered secret was found (where, which kind), at most a few.</summary>
    public static IReadOnlyList<string> ReplyLeaks
    {
        get
        {
            lock (Gate)
            {
                return [.. LeakList];
            }
        }
    }

    public static void RegisterSecret(string kind, string value)
    {
        lock (Gate)
        {
            SecretList.Add((kind, value));
        }
    }

    /// <summary>The captured output of a process that has ended (or a snapshot before it is replaced).</summary>
    public static void RecordOutput(string name, string text)
    {
        lock (Gate)
        {
            OutputList.Add((name, text));
        }
    }

    /// <summary>Checks one reply (status line, headers, body as text) against every secret registered so far.</summary>
    public static void ScanReply(string where, string reply)
    {
        Interlocked.Increment(ref _repliesScanned);
        lock (Gate)
        {
            foreach (var (kind, value) in SecretList)
            {
                if (reply.Contains(value, StringComparison.Ordinal) && LeakList.Count < 20)
                {
                    LeakList.Add($"{where}: a reply contains the {kind}");
                }
            }
            // OAuth access tokens the emulator issued ("emu-oauth-" + hex) are secrets too, though no test knows their values.
            if (reply.Contains("emu-oauth-", StringComparison.Ordinal) && LeakList.Count < 20)
            {
                LeakList.Add($"{where}: a reply contains an OAuth access token issued by the emulator");
            }
        }
    }
}
