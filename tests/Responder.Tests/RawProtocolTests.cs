using System.Net.Sockets;

namespace GenieCanvas.Responder.Tests;

/// <summary>
/// Speaks the NATS text protocol over a plain socket, the way <c>nats req genie.get '{"space_id":"..."}'</c> does:
/// no client library between the test and the wire.
/// </summary>
[Collection(ResponderCollection.Name)]
public sealed class RawProtocolTests(ResponderFixture fixture)
{
    [Fact]
    public async Task Pub_on_genie_get_gets_the_space_back_as_an_hmsg()
    {
        var (headers, body) = await RequestAsync($$"""{"space_id":"{{EmulatorProcess.SalesSpaceId}}"}""", requestId: null);

        Assert.StartsWith("NATS/1.0\r\n", headers);
        Assert.DoesNotContain("Nats-Service-Error", headers);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(EmulatorProcess.SalesSpaceId, json.RootElement.GetProperty("space_id").GetString());
        Assert.Equal("Sales Analytics", json.RootElement.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task A_bad_id_gets_the_400_header_block_and_an_error_body()
    {
        var (headers, body) = await RequestAsync("""{"space_id":"../x"}""", requestId: "raw-req-7");

        Assert.StartsWith("NATS/1.0\r\n", headers);
        Assert.Contains("\r\nNats-Service-Error-Code: 400\r\n", headers);
        Assert.Contains("\r\nNats-Service-Error: ", headers);
        Assert.Contains("\r\nX-Request-Id: raw-req-7\r\n", headers);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("INVALID_REQUEST", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("raw-req-7", json.RootElement.GetProperty("error").GetProperty("request_id").GetString());
    }

    /// <summary>INFO, CONNECT, SUB inbox, PUB (or HPUB with X-Request-Id), PING; then read until the HMSG reply.</summary>
    private async Task<(string Headers, string Body)> RequestAsync(string payload, string? requestId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.Stack.Nats.Port, cts.Token);
        var stream = tcp.GetStream();
        var reader = new RawReader(stream);

        var info = await reader.ReadLineAsync(cts.Token);
        Assert.StartsWith("INFO ", info);

        var inbox = "_INBOX.raw" + Guid.NewGuid().ToString("N");
        var data = Encoding.UTF8.GetBytes(payload);
        var request = new StringBuilder()
            .Append("CONNECT {\"headers\":true,\"no_responders\":true,\"verbose\":false,\"pedantic\":false,\"lang\":\"raw\",\"version\":\"0\"}\r\n")
            .Append($"SUB {inbox} 1\r\n");
        if (requestId is null)
        {
            request.Append($"PUB {GenieSubjects.Get} {inbox} {data.Length}\r\n{payload}\r\n");
        }
        else
        {
            var headerBlock = $"NATS/1.0\r\nX-Request-Id: {requestId}\r\n\r\n";
            var headerLength = Encoding.UTF8.GetByteCount(headerBlock);
            request.Append($"HPUB {GenieSubjects.Get} {inbox} {headerLength} {headerLength + data.Length}\r\n{headerBlock}{payload}\r\n");
        }
        request.Append("PING\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cts.Token);

        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token);
            if (line == "PING")
            {
                await stream.WriteAsync("PONG\r\n"u8.ToArray(), cts.Token);
                continue;
            }
            if (line is "PONG" or "+OK")
            {
                continue;
            }
            Assert.False(line.StartsWith("-ERR", StringComparison.Ordinal), line);
            // HMSG <subject> <sid> [reply-to] <header bytes> <total bytes>
            Assert.StartsWith("HMSG " + inbox + " 1 ", line);
            var parts = line.Split(' ');
            var headerBytes = int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture);
            var totalBytes = int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
            var message = await reader.ReadBytesAsync(totalBytes + 2, cts.Token);
            return (Encoding.UTF8.GetString(message, 0, headerBytes), Encoding.UTF8.GetString(message, headerBytes, totalBytes - headerBytes));
        }
    }

    /// <summary>Line and byte reads over one socket stream (the protocol mixes both).</summary>
    private sealed class RawReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var index = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (index >= 0)
                {
                    var line = Encoding.UTF8.GetString(_buffer, _start, index - _start).TrimEnd('\r');
                    _start = index + 1;
                    return line;
                }
                await FillAsync(cancellationToken);
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            while (_end - _start < count)
            {
                await FillAsync(cancellationToken);
            }
            var bytes = _buffer.AsSpan(_start, count).ToArray();
            _start += count;
            return bytes;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException("nats-server closed the connection.");
            }
            _end += read;
        }
    }
}
