using System.Net.Http.Headers;
using System.Text.Json;
using GenieCanvas.Testing;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>What a Genie block should show for a space, read from the emulator itself (not hard-coded in the test).</summary>
public sealed record SpaceFacts(string SpaceId, string DisplayName, IReadOnlyList<string> Tables)
{
    public static async Task<SpaceFacts> FromEmulatorAsync(EmulatorProcess emulator, string spaceId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(emulator.Url), Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/2.0/data-rooms/{spaceId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var room = json.RootElement;
        // The responder fills display_name from title when Databricks leaves it out; the block shows that name.
        var name = Text(room, "display_name") ?? Text(room, "title")
            ?? throw new InvalidOperationException($"Space {spaceId} has neither display_name nor title.");
        var tables = room.TryGetProperty("table_identifiers", out var list)
            ? list.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [];
        return new SpaceFacts(spaceId, name, tables);
    }

    /// <summary>The first page of spaces as the picker loads it (through the bridge).</summary>
    public static async Task<IReadOnlyList<(string SpaceId, string? Title)>> ListThroughBridgeAsync(
        BridgeProcess bridge, CancellationToken cancellationToken)
    {
        using var response = await bridge.Client.GetAsync("/api/genie/spaces?page_size=20", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("spaces").EnumerateArray()
            .Select(s => (s.GetProperty("space_id").GetString()!, Text(s, "title")))
            .ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
