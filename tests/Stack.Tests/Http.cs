using System.Text.Json;

namespace GenieCanvas.Stack.Tests;

/// <summary>One GET with its own timeout, read whole: status, body and the body as JSON when it is JSON.</summary>
internal static class Http
{
    internal sealed record Answer(int Status, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The stable <c>code</c> of a ProblemDetails body, or null.</summary>
        public string? ProblemCode =>
            Body.StartsWith('{') && Json.TryGetProperty("code", out var code) ? code.GetString() : null;

        public override string ToString() => $"{Status} {Body}";
    }

    public static async Task<Answer> GetAsync(HttpClient client, string path, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync(path, cts.Token);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
    }

    /// <summary>Like <see cref="GetAsync"/>, but a refused or dropped connection is an answer (status 0), not an exception.</summary>
    public static async Task<Answer> TryGetAsync(HttpClient client, string path, TimeSpan? timeout = null)
    {
        try
        {
            return await GetAsync(client, path, timeout);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Answer(0, e.Message);
        }
    }
}
