namespace GenieCanvas.Responder.Tests;

/// <summary>One <see cref="ResponderStack"/> shared by the tests of a class or a collection, started once.</summary>
public abstract class StackFixture(IReadOnlyDictionary<string, string?>? responderEnv = null) : IAsyncLifetime
{
    private ResponderStack? _stack;

    public ResponderStack Stack => _stack ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync() => _stack = await ResponderStack.StartAsync(responderEnv);

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
