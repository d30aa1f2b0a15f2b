using System.Runtime.InteropServices;

namespace GenieCanvas.Testing;

/// <summary>POSIX signals, for stopping processes the way a terminal or a supervisor does.</summary>
public static partial class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18; // Linux numbering (x64, arm64)
    public const int SigStop = 19;

    /// <summary>Sends <paramref name="signal"/> to a process, or to a whole process group when <paramref name="pid"/> is negative.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int sig);
}
