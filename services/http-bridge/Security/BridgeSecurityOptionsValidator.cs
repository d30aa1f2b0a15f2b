using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Security;

/// <summary>Checked at start with the other settings: a bad entry stops the bridge with one line naming it.</summary>
public sealed class BridgeSecurityOptionsValidator : IValidateOptions<BridgeSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeSecurityOptions options)
    {
        var failures = new List<string>();
        foreach (var host in options.AllowedHostList)
        {
            if (!HostPattern.TryParse(host, out _, out var problem))
            {
                failures.Add("Bridge__AllowedHosts: " + problem);
            }
        }
        foreach (var origin in options.AllowedOriginList)
        {
            if (!WebOrigin.TryNormalize(origin, out _))
            {
                failures.Add($"Bridge__AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port] (e.g. https://tools.example.com), no path.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
