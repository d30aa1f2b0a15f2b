using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// 2,000 random and hostile space_id values over HTTP (GET query, POST body) and the bus (genie.get, raw bytes):
/// only 200/400/404, never a 500, and nothing but valid ids reaches Databricks. The seed is printed; set
/// FAULTS_FUZZ_SEED to replay a run.
/// </summary>
public sealed partial class InputFuzzTests(ITestOutputHelper output)
{
    private const int Values = 2000;
    private const int Concurrency = 16;

    /// <summary>Kestrel's request line limit is 8 KB and the bridge's body limit 4 KB: the values must fit, or the test proves nothing.</summary>
    private const int MaxUrlLength = 8000;
    private const int MaxBodyBytes = 4096;

    [Fact]
    public async Task Hostile_space_ids_over_HTTP_and_the_bus_get_only_200_400_or_404_and_only_valid_ids_reach_Databricks()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULTS_FUZZ_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"[input fuzz] seed {seed} (replay: FAULTS_FUZZ_SEED={seed})");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var stack = await FaultStack.StartAsync(new StackSettings { Auth = ResponderAuth.OAuthM2M }, cts.Token);
        await using var bus = await BusRequester.ConnectAsync(stack.Nats.Url);
        var values = new HostileIds(seed).Take(Values);
        var mutations = new Random(seed);
        var probes = values.SelectMany((value, i) => Probes(value, i, mutations)).Concat(InvalidUtf8InsideJson()).ToList();

        var results = new List<(Probe Probe, int Status, string? Code)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cts.Token }, async (probe, ct) =>
        {
            var (status, code) = probe.Channel.StartsWith("bus", StringComparison.Ordinal)
                ? await bus.RequestAsync(GenieSubjects.Get, probe.Body!, TimeSpan.FromSeconds(5))
                : await SendHttpAsync(stack.Bridge.Client, probe, ct);
            lock (results)
            {
                results.Add((probe, status, code));
            }
        });
        clock.Stop();
        var calls = await stack.Emulator.CallsAsync(cts.Token);

        output.WriteLine($"[input fuzz] {values.Count} values ({values.Count(v => SpaceId.TryValidate(v, out _))} valid), {results.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var channel in results.GroupBy(r => r.Probe.Channel).OrderBy(g => g.Key))
        {
            output.WriteLine($"[input fuzz]   {channel.Key}: " + string.Join(", ", channel.GroupBy(r => r.Code is null ? $"{r.Status}" : $"{r.Status} {r.Code}")
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}")));
        }
        output.WriteLine($"[input fuzz]   emulator: {calls.Total} calls, {calls.BySpace.Count} distinct space ids");

        var outOfSet = results.Where(r => r.Status is not (200 or 400 or 404)).ToList();
        Assert.True(outOfSet.Count == 0, $"seed {seed}: statuses other than 200/400/404:\n" + Describe(outOfSet));
        var unexpected = results.Where(r => r.Probe.Expected is { } e && e != r.Status).ToList();
        Assert.True(unexpected.Count == 0, $"seed {seed}: answers that do not follow the id rule:\n" + Describe(unexpected));
        var badCodes = results.Where(r => r.Status == 400 && r.Code != GenieErrorCodes.InvalidRequest || r.Status == 404 && r.Code != GenieErrorCodes.NotFound).ToList();
        Assert.True(badCodes.Count == 0, $"seed {seed}: wrong error codes:\n" + Describe(badCodes));

        var invalidAtUpstream = calls.BySpace.Keys.Where(k => !ValidId().IsMatch(k)).ToList();
        Assert.True(invalidAtUpstream.Count == 0, $"seed {seed}: the emulator received invalid ids: " + string.Join(", ", invalidAtUpstream.Select(Show)));
        var validSent = values.Where(v => SpaceId.TryValidate(v, out _)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(validSent.Count >= 100, $"seed {seed}: only {validSent.Count} valid ids among the values; the upstream check would be weak");
        var missing = validSent.Where(v => !calls.BySpace.ContainsKey(v)).ToList();
        Assert.True(missing.Count == 0, $"seed {seed}: valid ids that never reached the emulator: " + string.Join(", ", missing.Take(5)));
        Assert.Contains(results, r => r.Status == 200);
    }

    /// <summary>One request of the fuzz run: its channel, what it sends, and the exact status the id rule demands where that is known.</summary>
    private sealed record Probe(string Channel, int Index, string Value, string? Url, byte[]? Body, int? Expected);

    private static IEnumerable<Probe> Probes(string value, int index, Random random)
    {
        var expected = SpaceId.TryValidate(value, out _) ? IsFixture(value) ? 200 : 404 : 400;
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["space_id"] = value });
        var url = "/api/genie/get?space_id=" + Uri.EscapeDataString(value);
        Assert.True(url.Length <= MaxUrlLength && json.Length <= MaxBodyBytes, $"value {index} does not fit the HTTP limits: fix the generator");

        yield return new Probe("GET query (escaped)", index, value, url, null, expected);
        yield return new Probe("POST {\"space_id\"} (JSON)", index, value, null, json, expected);
        yield return new Probe("bus {\"space_id\"} (JSON)", index, value, null, json, expected);
        // The value as the whole body: JSON fragments become the document, plain text is the id form of genie.get.
        var raw = Encoding.UTF8.GetBytes(value);
        yield return new Probe("POST raw body", index, value, null, raw, null);
        if (index % 2 == 0)
        {
            yield return new Probe("bus raw text", index, value, null, raw, null);
        }
        else
        {
            // Invalid UTF-8 and stray bytes: flip a few bytes of the value (or of an id) to anything.
            var bytes = raw.Length > 0 ? (byte[])raw.Clone() : Encoding.UTF8.GetBytes(EmulatorProcess.SalesSpaceId);
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            yield return new Probe("bus raw bytes", index, value, null, bytes, null);
            yield return new Probe("POST raw bytes", index, value, null, bytes, null);
        }
        if (value.Length > 0 && value.All(c => c is > ' ' and < '\u007f'))
        {
            // Unescaped: metacharacters act as URL syntax (a second parameter, a fragment, a %-escape).
            yield return new Probe("GET query (unescaped)", index, value, "/api/genie/get?space_id=" + value, null, null);
        }
    }

    /// <summary>Well-formed JSON whose string holds invalid UTF-8 (once a 500 of the responder): always sent, both ways, expected 400.</summary>
    private static IEnumerable<Probe> InvalidUtf8InsideJson()
    {
        byte[][] bodies = [[.. "{\"space_id\":\"ab"u8, 0xFF, .. "cd\"}"u8], [.. "\"ab"u8, 0xC3, .. "\""u8], [.. "{\"space_id\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]];
        for (var i = 0; i < bodies.Length; i++)
        {
            yield return new Probe("bus raw bytes", -1 - i, "(invalid UTF-8 in a JSON string)", null, bodies[i], 400);
            yield return new Probe("POST raw bytes", -1 - i, "(invalid UTF-8 in a JSON string)", null, bodies[i], 400);
        }
    }

    private static async Task<(int Status, string? Code)> SendHttpAsync(HttpClient client, Probe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var request = probe.Url is not null
            ? new HttpRequestMessage(HttpMethod.Get, probe.Url)
            : new HttpRequestMessage(HttpMethod.Post, "/api/genie/get") { Content = new ByteArrayContent(probe.Body!) };
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var (status, code, _, _) = await ReplyReader.ReadAsync(response, probe.Channel, timeout.Token);
            return (status, code);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return (0, e.GetType().Name);
        }
    }

    private static bool IsFixture(string id) =>
        id is EmulatorProcess.SalesSpaceId or "01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1" or "01f0e1f2a3b4c5d6e7f8a9b0c1d2e3f4" or "01f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4";

    private static string Describe(IEnumerable<(Probe Probe, int Status, string? Code)> results) =>
        string.Join("\n", results.Take(10).Select(r =>
            $"  {r.Probe.Channel} #{r.Probe.Index} {Show(r.Probe.Value)} → {r.Status} {r.Code} (expected {r.Probe.Expected?.ToString(CultureInfo.InvariantCulture) ?? "200/400/404"})"));

    /// <summary>A value as readable JSON (escapes control and invisible characters), shortened.</summary>
    private static string Show(string value)
    {
        var shown = JsonSerializer.Serialize(value);
        return shown.Length <= 90 ? shown : shown[..90] + $"…\" ({value.Length} chars)";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z")]
    private static partial Regex ValidId();
}
