namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The resolved Databricks connection: host and credentials from the environment, filled from a
/// <c>~/.databrickscfg</c> profile where the environment leaves them unset (see <see cref="DatabricksConfigResolver"/>).
/// </summary>
public sealed class DatabricksOptions
{
    /// <summary>Normalized workspace URL: <c>scheme://host[:port]</c>.</summary>
    public string? Host { get; set; }

    public DatabricksAuthMethod AuthMethod { get; set; }

    public string? Token { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where the credentials came from, for messages ("DATABRICKS_TOKEN", "profile 'dev' of /home/u/.databrickscfg").</summary>
    public string CredentialSource { get; set; } = "the environment";

    /// <summary>Why the configuration cannot work, in one sentence; reported by validation at start.</summary>
    public string? Problem { get; set; }

    /// <summary>Names the credential in errors and logs, never its value.</summary>
    public string DescribeAuth() => AuthMethod switch
    {
        DatabricksAuthMethod.Pat => $"the personal access token (pat) from {CredentialSource}",
        DatabricksAuthMethod.OAuthM2M => $"the OAuth machine-to-machine client (oauth-m2m) from {CredentialSource}",
        _ => "no credentials",
    };
}
