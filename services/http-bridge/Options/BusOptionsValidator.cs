using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Options;

/// <summary>Checks the bus settings at start; messages name the variable, never its value (it may be a secret).</summary>
public sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();
        foreach (var url in options.Url.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "nats://" + url, UriKind.Absolute, out _))
            {
                failures.Add("NATS_URL must be a URL such as nats://127.0.0.1:4222, or several separated by commas.");
                break;
            }
        }
        if (options.User is null != (options.Password is null))
        {
            failures.Add("NATS_USER and NATS_PASSWORD must be set together.");
        }
        if (options.CredsFile is not null && !File.Exists(options.CredsFile))
        {
            failures.Add("NATS_CREDS names a file that does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
