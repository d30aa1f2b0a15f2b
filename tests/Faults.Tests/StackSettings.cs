namespace GenieCanvas.Faults.Tests;

/// <summary>How a <see cref="FaultStack"/> is started (what it passes to <see cref="GenieStackOptions"/>).</summary>
public sealed record StackSettings
{
    public ResponderAuth Auth { get; init; } = ResponderAuth.Pat;

    public int Responders { get; init; } = 1;

    /// <summary>Bridge__RequestTimeout: how long the bridge waits for a reply (the service default is 10 s).</summary>
    public TimeSpan BridgeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Responder__TotalBudget: must stay below <see cref="BridgeTimeout"/>, as in production (8 s vs 10 s).</summary>
    public TimeSpan ResponderBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every service logs at Debug (more lines that could leak a secret).</summary>
    public bool Verbose { get; init; }

    /// <summary>More Responder__* settings (e.g. MaxRetryAttempts, AttemptTimeout).</summary>
    public IReadOnlyDictionary<string, string?> ResponderEnv { get; init; } = new Dictionary<string, string?>();
}
