namespace GenieCanvas.Responder.Tests;

/// <summary>Tests on a shared stack (<see cref="StackFixture"/>): each starts from a clean emulator (no faults, zero counts).</summary>
public abstract class SharedStackTests(StackFixture fixture) : IAsyncLifetime
{
    protected ResponderStack Stack => fixture.Stack;

    public Task InitializeAsync() => ResetEmulatorAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task ResetEmulatorAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Stack.Emulator.ResetAsync(cts.Token);
    }
}
