namespace GenieCanvas.Hosting;

/// <summary>Health-check conventions: checks tagged <see cref="Ready"/> decide readiness; liveness runs none.</summary>
public static class GenieHealth
{
    public const string Ready = "ready";
}
