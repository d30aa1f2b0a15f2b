namespace GenieCanvas.Responder.Tests;

/// <summary>One stack (nats-server, emulator, responder with the default settings) shared by the "responder" collection.</summary>
public sealed class ResponderFixture : IAsyncLifetime
{
    private ResponderStack? _stack;

    public ResponderStack Stack => _stack ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync() => _stack = await ResponderStack.StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ResponderCollection : ICollectionFixture<ResponderFixture>
{
    public const string Name = "responder";
}
