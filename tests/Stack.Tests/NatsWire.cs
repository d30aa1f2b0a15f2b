using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// The NATS client protocol spoken by hand (it is plain text): what a server answers a client that connects as
/// someone and tries something, with no client library in between to retry or hide the server's words.
/// </summary>
internal static class NatsWire
{
    /// <summary>
    /// Connects to 127.0.0.1:<paramref name="port"/>, sends CONNECT (with the user, if any), then
    /// <paramref name="commands"/> and a PING; returns every line the server sent after its INFO until PONG or
    /// the connection closed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TalkAsync(int port, string? user, string? password, params string[] commands)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, cts.Token);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        var info = await reader.ReadLineAsync(cts.Token);
        Assert.StartsWith("INFO ", info);

        var connect = new Dictionary<string, object> { ["verbose"] = false, ["pedantic"] = false, ["headers"] = true, ["name"] = "stack-tests-wire" };
        if (user is not null)
        {
            connect["user"] = user;
            connect["pass"] = password ?? "";
        }
        var text = new StringBuilder($"CONNECT {JsonSerializer.Serialize(connect)}\r\n");
        foreach (var command in commands)
        {
            text.Append(command).Append("\r\n");
        }
        text.Append("PING\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), cts.Token);

        var lines = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                lines.Add(line);
                if (line == "PONG")
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server closed the connection (as it does after an authorization violation).
        }
        return lines;
    }
}
