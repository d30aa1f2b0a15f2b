using System.Text.RegularExpressions;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>The nats-server configs in deploy/nats, and how to run nats-server with one of them.</summary>
internal static partial class NatsConfigs
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "deploy", "nats");

    public static string Single => Path.Combine(Folder, "nats-server.conf");

    public static string Auth => Path.Combine(Folder, "auth.conf");

    public static string ClusterNode(int n) => Path.Combine(Folder, "cluster", $"node{n}.conf");

    /// <summary>
    /// A copy of <paramref name="config"/> in <paramref name="folder"/> whose JetStream store is <paramref name="storeDir"/>
    /// (the shipped ones point at /var/lib/genie-canvas), after <paramref name="edit"/> (e.g. moving ports).
    /// </summary>
    public static async Task<string> CopyWithStoreDirAsync(string config, string folder, string storeDir, Func<string, string>? edit = null)
    {
        var text = await File.ReadAllTextAsync(config);
        Assert.Matches(StoreDir(), text);
        text = StoreDir().Replace(edit?.Invoke(text) ?? text, $"store_dir: \"{storeDir}\"");
        var copy = Path.Combine(folder, Path.GetFileName(config));
        await File.WriteAllTextAsync(copy, text);
        return copy;
    }

    /// <summary>Starts nats-server with exactly these arguments and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartServerAsync(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var server = ServiceProcess.Start(name, NatsServerProcess.Executable, arguments, environment);
        try
        {
            await server.WaitForOutputAsync("Server is ready", TimeSpan.FromSeconds(15));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"store_dir: ""[^""]*""")]
    private static partial Regex StoreDir();
}
