using GenieCanvas.Testing;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Everything behind the page (<see cref="GenieStack"/>): nats-server, the Databricks emulator, a genie responder
/// (PAT auth against the emulator) and the bridge serving the built frontend (frontend/dist), Sales as default space.
/// </summary>
public static class CanvasStack
{
    /// <summary>frontend/dist, built by `npm run build` (test.sh does it before the .NET tests).</summary>
    public static string FrontendDist { get; } = Path.Combine(RepoPaths.Root, "frontend", "dist");

    /// <param name="jetStream">nats-server with JetStream: the bridge keeps flows (without it the canvas is local only).</param>
    public static Task<GenieStack> StartAsync(bool jetStream = false)
    {
        if (!File.Exists(Path.Combine(FrontendDist, "index.html")))
        {
            throw new InvalidOperationException($"The frontend is not built: run `npm ci && npm run build` in frontend/ ({FrontendDist}).");
        }
        return GenieStack.StartAsync(new GenieStackOptions
        {
            Bridge = true,
            JetStream = jetStream,
            BridgeEnv = new Dictionary<string, string?>
            {
                ["Bridge__FrontendPath"] = FrontendDist,
                ["GENIE_DEFAULT_SPACE_ID"] = EmulatorProcess.SalesSpaceId,
            },
        });
    }
}
