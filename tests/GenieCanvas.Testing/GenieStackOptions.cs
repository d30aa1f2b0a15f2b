namespace GenieCanvas.Testing;

/// <summary>How a <see cref="GenieStack"/> is started. The defaults: one responder with the emulator's PAT, no bridge.</summary>
public sealed record GenieStackOptions
{
    /// <summary>The emulator's credentials and environment; null = fresh random credentials.</summary>
    public EmulatorSettings? Emulator { get; init; }

    /// <summary>How many responders start with the stack (more can be started later).</summary>
    public int Responders { get; init; } = 1;

    /// <summary>The credentials every responder gets unless <see cref="GenieStack.StartResponderAsync"/> says otherwise.</summary>
    public ResponderAuth Auth { get; init; } = ResponderAuth.Pat;

    /// <summary>More environment for every responder (tuning, log level); it wins over the credentials.</summary>
    public IReadOnlyDictionary<string, string?> ResponderEnv { get; init; } = new Dictionary<string, string?>();

    /// <summary>Start the http-bridge too; the stack then waits until its /health/ready answers 200.</summary>
    public bool Bridge { get; init; }

    /// <summary>Run nats-server with JetStream, so the bridge keeps flows (<c>/api/flows</c>); without it they are local only.</summary>
    public bool JetStream { get; init; }

    /// <summary>More environment for the bridge (Bridge__RequestTimeout, Bridge__FrontendPath, ...).</summary>
    public IReadOnlyDictionary<string, string?> BridgeEnv { get; init; } = new Dictionary<string, string?>();
}
