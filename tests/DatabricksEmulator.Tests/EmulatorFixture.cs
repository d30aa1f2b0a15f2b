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
        return await SendAsync(request, ct);
    }

    /// <summary>A Databricks call with a JSON body (null = none) and the PAT unless told otherwise (null = no header).</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpMethod method, string path, string? json, CancellationToken ct, string? token = "")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? Emulator.Token : token);
        }
        return await SendAsync(request, ct);
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), ct);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
