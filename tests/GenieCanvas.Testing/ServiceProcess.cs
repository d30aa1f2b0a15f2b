using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace GenieCanvas.Testing;

/// <summary>
/// A real child process (a service, nats-server, start.sh) with its output captured for assertions,
/// and stopped on dispose: SIGTERM, then SIGKILL of the whole tree.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    // Variables a test's child must not inherit from whoever runs the tests.
    private static readonly string[] IsolatedPrefixes = ["DATABRICKS_", "NATS_", "GENIE_", "BRIDGE_", "Responder__", "Bridge__", "Emulator__"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a built service: <c>dotnet artifacts/bin/&lt;assembly&gt;/…/&lt;assembly&gt;.dll</c>.</summary>
    public static ServiceProcess StartDotnet(
        string assemblyName,
        IReadOnlyDictionary<string, string?> environment,
        IEnumerable<string>? arguments = null) =>
        Start(assemblyName, "dotnet", [RepoPaths.ServiceDll(assemblyName), .. arguments ?? []], environment);

    public static ServiceProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (IsolatedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                info.Environment.Remove(key);
            }
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until a line containing <paramref name="marker"/> appears; fails with the output so far if it does not.</summary>
    public async Task WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before printing '{marker}':\n{Output}");
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{Name} did not print '{marker}' within {timeout}:\n{Output}");
    }

    /// <summary>Waits until <paramref name="probe"/> returns true (e.g. a health URL answers).</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {what}:\n{Output}");
            }
            try
            {
                if (await probe())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Net.Sockets.SocketException)
            {
                // Not up yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name}: not {what} within {timeout}:\n{Output}");
    }

    public void Signal(int signal) => Signals.Send(_process.Id, signal);

    /// <summary>SIGKILL, as a crash or the OOM killer would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end; true if it did within the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL of the tree if it is still running after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return;
        }
        Signal(Signals.SigTerm);
        if (!await WaitForExitAsync(grace ?? TimeSpan.FromSeconds(5)))
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
