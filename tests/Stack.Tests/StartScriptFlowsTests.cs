using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// A flow saved through the stack start.sh runs is still there after Ctrl+C and a second ./start.sh: JetStream keeps
/// the <c>genie_flows</c> bucket under GENIE_RUN_DIR, which both runs share, as two runs from one checkout do.
/// </summary>
public sealed class StartScriptFlowsTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private const string Flow =
        """{"version":1,"viewport":{"x":0,"y":0,"zoom":1},"nodes":[{"id":"n1","type":"note","position":{"x":10,"y":20},"data":{"text":"kept across a restart"}}],"edges":[]}""";

    [Fact]
    public async Task A_flow_saved_before_start_sh_stops_is_there_with_its_revision_after_it_starts_again()
    {
        var runDir = Directory.CreateTempSubdirectory("start-sh-run-").FullName;
        try
        {
            var environment = new Dictionary<string, string?> { ["GENIE_RUN_DIR"] = runDir };
            string etag;
            await using (var first = StartScript.Launch(StackPorts.Free(), new Dictionary<string, string>(), environment))
            {
                await first.WaitUntilReadyAsync(ReadyTimeout);
                using var save = new HttpRequestMessage(HttpMethod.Put, "/api/flows/Restart%20check")
                {
                    Content = new StringContent(Flow, Encoding.UTF8, "application/json"),
                };
                save.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
                using var saved = await first.Client.SendAsync(save);
                Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
                etag = saved.Headers.ETag!.Tag;

                var running = ProcessTree.Descendants(first.Process.Pid);
                Assert.True(Signals.Send(-first.Process.Pid, Signals.SigInt));
                await StartScriptTests.AssertStoppedCleanlyAsync(first, running, expectedExitCode: 130);
            }

            // Other ports: nothing of the first run can answer for the second.
            await using var second = StartScript.Launch(StackPorts.Free(), new Dictionary<string, string>(), environment);
            await second.WaitUntilReadyAsync(ReadyTimeout);
            using var read = await second.Client.GetAsync("/api/flows/Restart%20check");
            var body = await read.Content.ReadAsStringAsync();
            Assert.True(read.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(etag, read.Headers.ETag!.Tag);
            using (var document = JsonDocument.Parse(body))
            {
                Assert.Equal("kept across a restart", document.RootElement.GetProperty("nodes")[0].GetProperty("data").GetProperty("text").GetString());
            }

            var list = await Http.GetAsync(second.Client, "/api/flows");
            Assert.Contains(list.Json.GetProperty("flows").EnumerateArray(), f => f.GetProperty("name").GetString() == "Restart check");

            var running2 = ProcessTree.Descendants(second.Process.Pid);
            Assert.True(Signals.Send(-second.Process.Pid, Signals.SigInt));
            await StartScriptTests.AssertStoppedCleanlyAsync(second, running2, expectedExitCode: 130);
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }
}
