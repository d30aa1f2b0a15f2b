namespace GenieCanvas.Testing;

/// <summary>Which of the emulator's credentials a <see cref="GenieStack"/> hands to a responder.</summary>
public enum ResponderAuth
{
    /// <summary>DATABRICKS_TOKEN: a personal access token.</summary>
    Pat,

    /// <summary>DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET: OAuth machine-to-machine, so a client secret is in play.</summary>
    OAuthM2M,

    /// <summary>None from the stack: the test's own environment says how (or whether) the responder authenticates.</summary>
    None,
}
