using System.Text;

namespace GenieCanvas.Testing;

/// <summary>
/// The emulator loads its demo warehouse (SQLite) on the first question: seconds on a busy machine, longer than one
/// HTTP attempt of the responder (3 s), so a test that times an ask asks the emulator directly once first.
/// </summary>
public static class EmulatorWarmUp
{
    public static async Task WarmUpGenieAsync(this EmulatorProcess emulator, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{emulator.Url}/api/2.0/genie/spaces/{EmulatorProcess.SalesSpaceId}/start-conversation")
        {
            Content = new StringContent("{\"content\":\"What is the average order value by sales channel?\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", emulator.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
