namespace GenieCanvas.Responder.Tests;

/// <summary>A stack whose responder has a short budget (4 s, attempts of 1.5 s), so budget tests finish quickly.</summary>
public sealed class ResilienceFixture : IAsyncLifetime
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    private ResponderStack? _stack;

    public ResponderStack Stack => _stack ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync() => _stack = await ResponderStack.StartAsync(new Dictionary<string, string?>
    {
        ["Responder__TotalBudget"] = "00:00:04",
        ["Responder__AttemptTimeout"] = "00:00:01.500",
    });

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
