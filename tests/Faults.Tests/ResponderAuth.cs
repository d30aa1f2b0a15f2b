namespace GenieCanvas.Faults.Tests;

/// <summary>How a responder of a <see cref="FaultStack"/> authenticates to the emulator.</summary>
public enum ResponderAuth
{
    /// <summary>DATABRICKS_TOKEN: a personal access token.</summary>
    Pat,

    /// <summary>DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET: OAuth machine-to-machine, so a client secret is in play.</summary>
    OAuthM2M,
}
