using System.Text.RegularExpressions;

namespace GenieCanvas.Responder.Tests;

/// <summary>genie.get on a workspace without data-rooms: the public API, the same reply shape, remembered, logged once.</summary>
public sealed class GetSpaceFallbackTests
{
    // The fields the canvas reads from a genie.get reply.
    private static readonly string[] Shape = ["id", "space_id", "display_name", "description", "warehouse_id", "table_identifiers", "sample_questions"];

    [Fact]
    public async Task Without_data_rooms_get_reads_the_public_api_with_the_same_shape_and_remembers_it()
    {
        await using var stack = await ResponderStack.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var viaDataRooms = await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId);
        Assert.Equal(200, viaDataRooms.Status);

        await stack.Emulator.SetDataRoomsEnabledAsync(false, cts.Token);
        var viaPublic = await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId);
        var again = await stack.Bus.GetSpaceAsync("01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1");

        Assert.Equal(200, viaPublic.Status);
        foreach (var field in Shape)
        {
            Assert.True(viaPublic.Json.TryGetProperty(field, out var value), $"the fallback reply lacks {field}");
            Assert.Equal(viaDataRooms.Json.GetProperty(field).ValueKind, value.ValueKind);
        }
        foreach (var field in new[] { "id", "space_id", "display_name", "description", "warehouse_id" })
        {
            Assert.Equal(viaDataRooms.Json.GetProperty(field).GetString(), viaPublic.Json.GetProperty(field).GetString());
        }
        Assert.Equal(Sorted(viaDataRooms.Json.GetProperty("table_identifiers")), Sorted(viaPublic.Json.GetProperty("table_identifiers")));
        Assert.Equal(Sorted(viaDataRooms.Json.GetProperty("sample_questions")), Sorted(viaPublic.Json.GetProperty("sample_questions")));
        Assert.False(viaPublic.Json.TryGetProperty("serialized_space", out _));
        Assert.Equal(200, again.Status);
        Assert.Equal("People Analytics", again.Json.GetProperty("display_name").GetString());

        var calls = await stack.Emulator.CallsAsync(cts.Token);
        Assert.Equal(2, calls.ForRoute("GET /api/2.0/data-rooms/{id}"));   // the first get, and the one that found it gone
        Assert.Equal(2, calls.ForRoute("GET /api/2.0/genie/spaces/{id}"));
        Assert.Equal(1, Regex.Count(stack.ResponderOutput, "has no data-rooms API"));
    }

    [Fact]
    public async Task Without_serialized_space_the_fallback_still_answers_without_tables()
    {
        await using var stack = await ResponderStack.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stack.Emulator.SetDataRoomsEnabledAsync(false, cts.Token);
        // An identity without CAN EDIT: include_serialized_space=true is refused, the plain get is not.
        await stack.Emulator.InjectFaultAsync(new EmulatorFault
        {
            PathPrefix = "/api/2.0/genie/spaces/" + EmulatorProcess.SalesSpaceId, Status = 403, ErrorCode = "PERMISSION_DENIED", Times = 1,
        }, cts.Token);

        var reply = await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId);

        Assert.Equal(200, reply.Status);
        Assert.Equal("Sales Analytics", reply.Json.GetProperty("display_name").GetString());
        Assert.False(reply.Json.TryGetProperty("table_identifiers", out _));
    }

    [Fact]
    public async Task A_missing_space_is_still_404_on_the_public_api()
    {
        await using var stack = await ResponderStack.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stack.Emulator.SetDataRoomsEnabledAsync(false, cts.Token);

        var reply = await stack.Bus.GetSpaceAsync("01f0ffffffffffffffffffffffffffff");

        Assert.Equal(404, reply.Status);
        Assert.Equal(GenieErrorCodes.NotFound, reply.ErrorCode);
    }

    private static List<string?> Sorted(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal).ToList();
}
