namespace GenieCanvas.Responder.Tests;

/// <summary>
/// Regression (found by the fault suite, once a 500): well-formed JSON whose string holds bytes that are not UTF-8
/// is a 400 INVALID_REQUEST and never reaches Databricks.
/// </summary>
[Collection(ResponderCollection.Name)]
public sealed class InvalidUtf8Tests(ResponderFixture fixture) : IAsyncLifetime
{
    private ResponderStack Stack => fixture.Stack;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Stack.Emulator.ResetAsync(cts.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "object", [.. "{\"space_id\":\""u8, 0xFF, 0xFE, .. "\"}"u8] },
        { "JSON string", [.. "\""u8, 0xFF, 0xFE, .. "\""u8] },
        { "surrogate half", [.. "{\"space_id\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Invalid_utf8_inside_a_json_string_is_400_and_nothing_reaches_Databricks(string shape, byte[] body)
    {
        var reply = await Stack.Bus.RequestAsync(GenieSubjects.Get, body, requestId: "utf8-" + shape.Replace(' ', '-'));

        Assert.Equal(400, reply.Status);
        Assert.Equal(GenieErrorCodes.InvalidRequest, reply.ErrorCode);
        Assert.Equal("The request body is not valid UTF-8.", reply.ErrorText);
        Assert.Equal(0, await Stack.Emulator.CallCountAsync());
    }
}
