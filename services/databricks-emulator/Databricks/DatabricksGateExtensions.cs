namespace GenieCanvas.DatabricksEmulator.Databricks;

public static class DatabricksGateExtensions
{
    /// <summary>Adds <see cref="DatabricksGate"/>; call after UseRouting so it sees the space id of the route.</summary>
    public static WebApplication UseDatabricksGate(this WebApplication app)
    {
        app.UseMiddleware<DatabricksGate>();
        return app;
    }
}
