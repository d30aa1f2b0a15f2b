namespace GenieCanvas.Responder.Databricks;

/// <summary>The credential kinds the responder can use, named as the Databricks SDKs' <c>auth_type</c>.</summary>
public enum DatabricksAuthMethod
{
    /// <summary>No credentials configured (an unknown <c>auth_type</c> is refused before a method is chosen).</summary>
    None,

    /// <summary><c>pat</c>: a personal access token sent as Bearer.</summary>
    Pat,

    /// <summary><c>oauth-m2m</c>: client id and secret exchanged at <c>{host}/oidc/v1/token</c>.</summary>
    OAuthM2M,
}
