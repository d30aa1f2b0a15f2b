namespace GenieCanvas.Responder.Tests;

/// <summary>
/// The stack of the ask tests: Genie steps of 100 ms (an answer in about half a second) and answers capped at
/// <see cref="MaxRows"/> rows, so the cap shows on the demo questions.
/// </summary>
public sealed class AskFixture : IAsyncLifetime
{
    public const int MaxRows = 3;
    public const int StepMs = 100;

    private ResponderStack? _stack;

    public ResponderStack Stack => _stack ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _stack = await ResponderStack.StartAsync(
            new Dictionary<string, string?> { ["Responder__AskMaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new EmulatorSettings { Environment = EmulatorKnobs.GenieStepEnvironment(StepMs) });
        await _stack.Emulator.WarmUpGenieAsync();
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AskCollection : ICollectionFixture<AskFixture>
{
    public const string Name = "ask";
}
