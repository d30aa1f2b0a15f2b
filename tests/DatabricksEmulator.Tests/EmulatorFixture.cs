using System.Net.Http.Headers;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.DatabricksEmulator.Tests;

/// <summary>One emulator process per test class (classes run in parallel; tests within a class do not).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorProcess Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorProcess.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(Emulator.Url), Timeout = TimeSpan.FromSeconds(15) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>GET with <c>Authorization: Bearer &lt;token&gt;</c> (the emulator's PAT unless told otherwise; null = no header).</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string path, CancellationToken ct, string? token = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? Emulator.Token : token);
        }
        var response = await Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
