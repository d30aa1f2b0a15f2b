using Microsoft.Extensions.Options;

namespace GenieCanvas.Hosting.Bus;

/// <summary>Checks the bus settings at start; messages name the variable, never its value (it may be a secret).</summary>
public sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();
        if (!BusUrl.IsValid(options.EffectiveUrl))
        {
            failures.Add("NATS_URL must be one or more comma-separated URLs like nats://127.0.0.1:4222 (the port may be left out).");
        }
        if (options.IsUrlOrdered is null)
        {
            failures.Add("NATS_URL_ORDERED must be 1 (connect in the NATS_URL order) or 0 (let NATS spread clients).");
        }
        if (string.IsNullOrWhiteSpace(options.User) != string.IsNullOrWhiteSpace(options.Password))
        {
            failures.Add("NATS_USER and NATS_PASSWORD must be set together.");
        }
        if (!string.IsNullOrWhiteSpace(options.CredsFile) && !File.Exists(options.CredsFile))
        {
            failures.Add("NATS_CREDS names a file that does not exist.");
        }
        if (options.PingInterval < TimeSpan.FromMilliseconds(100) || options.PingInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("NATS_PING_INTERVAL must be between 00:00:00.1 and 00:10:00.");
        }
        if (options.MaxPingsOut is < 1 or > 100)
        {
            failures.Add("NATS_MAX_PINGS_OUT must be between 1 and 100.");
        }
        if (options.CommandTimeout < TimeSpan.FromMilliseconds(100) || options.CommandTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("NATS_COMMAND_TIMEOUT must be between 00:00:00.1 and 00:01:00.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
