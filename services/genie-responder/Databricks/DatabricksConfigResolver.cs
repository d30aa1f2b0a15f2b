using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// Databricks unified auth, the part the responder needs: explicit environment first, then a profile of the
/// config file (<c>DATABRICKS_CONFIG_FILE</c>, default <c>~/.databrickscfg</c>) fills what is still unset.
/// A profile is read when one is named, or when the environment lacks the host or credentials.
/// </summary>
public static class DatabricksConfigResolver
{
    private const string SettingsSection = "__settings__";
    private const string DefaultSection = "DEFAULT";

    public static void Resolve(DatabricksOptions options, IConfiguration environment)
    {
        string? Env(string name) => Blank(environment[name]);

        var host = Env("DATABRICKS_HOST");
        var token = Env("DATABRICKS_TOKEN");
        var clientId = Env("DATABRICKS_CLIENT_ID");
        var clientSecret = Env("DATABRICKS_CLIENT_SECRET");
        var authType = Env("DATABRICKS_AUTH_TYPE");
        var profileName = Env("DATABRICKS_CONFIG_PROFILE");
        var configFile = ExpandHome(Env("DATABRICKS_CONFIG_FILE")) ?? DefaultConfigFile();

        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["token"] = "DATABRICKS_TOKEN",
            ["client_id"] = "DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET",
            ["auth_type"] = "DATABRICKS_AUTH_TYPE",
        };

        var hasCredentials = token is not null || clientId is not null;
        if (profileName is not null || host is null || !hasCredentials)
        {
            var profile = ReadProfile(configFile, profileName, out var profileProblem, out var usedProfile);
            if (profileProblem is not null)
            {
                options.Problem = profileProblem;
                return;
            }
            if (profile is not null)
            {
                var where = $"profile '{usedProfile}' of {configFile}";
                host ??= Blank(profile["host"]);
                if (token is null && Blank(profile["token"]) is { } profileToken)
                {
                    token = profileToken;
                    sources["token"] = where;
                }
                if (clientId is null && Blank(profile["client_id"]) is { } profileClientId)
                {
                    clientId = profileClientId;
                    sources["client_id"] = where;
                }
                clientSecret ??= Blank(profile["client_secret"]);
                if (authType is null && Blank(profile["auth_type"]) is { } profileAuthType)
                {
                    authType = profileAuthType;
                    sources["auth_type"] = where;
                }
            }
        }

        if (host is null)
        {
            options.Problem = "DATABRICKS_HOST is not set. Set it to the workspace URL (e.g. https://dbc-1234abcd-5678.cloud.databricks.com), or name a profile with a host in DATABRICKS_CONFIG_PROFILE.";
            return;
        }
        if (!DatabricksHost.TryNormalize(host, out var normalizedHost))
        {
            options.Problem = "DATABRICKS_HOST is not a valid workspace URL; expected something like https://dbc-1234abcd-5678.cloud.databricks.com.";
            return;
        }
        options.Host = normalizedHost;
        ChooseAuth(options, token, clientId, clientSecret, authType, sources);
    }

    private static void ChooseAuth(
        DatabricksOptions options, string? token, string? clientId, string? clientSecret, string? authType, Dictionary<string, string> sources)
    {
        DatabricksAuthMethod? method = null;
        if (authType is not null)
        {
            if (!TryParseAuthType(authType, out var named))
            {
                var setting = sources["auth_type"] == "DATABRICKS_AUTH_TYPE"
                    ? $"DATABRICKS_AUTH_TYPE '{authType}'"
                    : $"auth_type '{authType}' in {sources["auth_type"]}";
                options.Problem = $"{setting} is not supported; use pat or oauth-m2m.";
                return;
            }
            method = named;
        }
        if (method is null && token is not null && clientId is not null)
        {
            options.Problem = $"more than one authorization method configured: pat (from {sources["token"]}) and oauth-m2m (from {sources["client_id"]}). Set DATABRICKS_AUTH_TYPE to 'pat' or 'oauth-m2m', or unset one of them.";
            return;
        }
        method ??= token is not null ? DatabricksAuthMethod.Pat
            : clientId is not null ? DatabricksAuthMethod.OAuthM2M
            : DatabricksAuthMethod.None;

        switch (method)
        {
            case DatabricksAuthMethod.Pat when token is null:
                options.Problem = "DATABRICKS_TOKEN is not set, but the auth type is 'pat'.";
                return;
            case DatabricksAuthMethod.Pat:
                options.AuthMethod = DatabricksAuthMethod.Pat;
                options.Token = token;
                options.CredentialSource = sources["token"];
                return;
            case DatabricksAuthMethod.OAuthM2M when clientId is null:
                options.Problem = "DATABRICKS_CLIENT_ID is not set, but the auth type is 'oauth-m2m'.";
                return;
            case DatabricksAuthMethod.OAuthM2M when clientSecret is null:
                options.Problem = "DATABRICKS_CLIENT_SECRET is not set; OAuth M2M needs it together with DATABRICKS_CLIENT_ID.";
                return;
            case DatabricksAuthMethod.OAuthM2M:
                options.AuthMethod = DatabricksAuthMethod.OAuthM2M;
                options.ClientId = clientId;
                options.ClientSecret = clientSecret;
                options.CredentialSource = sources["client_id"];
                return;
            default:
                options.Problem = "No Databricks credentials: set DATABRICKS_TOKEN (personal access token), or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (OAuth M2M), or name a profile in DATABRICKS_CONFIG_PROFILE.";
                return;
        }
    }

    /// <summary>The chosen profile section: the named one, else <c>[__settings__] default_profile</c>, else <c>[DEFAULT]</c>.</summary>
    private static IConfigurationSection? ReadProfile(string path, string? named, out string? problem, out string? used)
    {
        problem = null;
        used = null;
        if (!File.Exists(path))
        {
            if (named is not null)
            {
                problem = $"DATABRICKS_CONFIG_PROFILE names profile '{named}', but the config file {path} does not exist (set DATABRICKS_CONFIG_FILE).";
            }
            return null;
        }

        IConfigurationRoot ini;
        try
        {
            // A provider without the default exclusion filters: that one hides dot files, i.e. ~/.databrickscfg itself.
            var full = Path.GetFullPath(path);
            using var files = new PhysicalFileProvider(Path.GetDirectoryName(full)!, ExclusionFilters.None);
            ini = new ConfigurationBuilder().AddIniFile(files, Path.GetFileName(full), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            problem = $"The Databricks config file {path} cannot be read as INI.";
            return null;
        }

        var explicitName = named ?? Blank(ini[$"{SettingsSection}:default_profile"]);
        used = explicitName ?? DefaultSection;
        var section = ini.GetSection(used);
        if (section.Exists())
        {
            return section;
        }
        if (explicitName is not null)
        {
            problem = $"Profile '{explicitName}' is not in the Databricks config file {path}.";
        }
        return null;
    }

    /// <summary>The SDKs' names for the methods the responder supports; anything else is refused at start.</summary>
    private static bool TryParseAuthType(string authType, out DatabricksAuthMethod method)
    {
        switch (authType.ToLowerInvariant())
        {
            case "pat":
                method = DatabricksAuthMethod.Pat;
                return true;
            case "oauth-m2m":
                method = DatabricksAuthMethod.OAuthM2M;
                return true;
            default:
                method = default;
                return false;
        }
    }

    /// <summary>
    /// <c>~</c> and <c>~/…</c> as the Databricks SDKs read them: the user's home. Needed because systemd's
    /// EnvironmentFile (and any launcher without a shell) passes <c>DATABRICKS_CONFIG_FILE=~/.databrickscfg</c> as is.
    /// </summary>
    private static string? ExpandHome(string? path)
    {
        if (path is null || !(path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            return path;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return path.Length == 1 ? home : Path.Combine(home, path[2..]);
    }

    private static string DefaultConfigFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".databrickscfg");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
