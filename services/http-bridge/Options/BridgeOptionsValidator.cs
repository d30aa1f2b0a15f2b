using GenieCanvas.Contracts;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Options;

/// <summary>Checked at start (ValidateOnStart): a bad value stops the bridge with one line naming the setting.</summary>
public sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    /// <summary>Below the browser's 15 s fetch timeout (frontend/src/api/client.ts), so the bridge's 503 reaches the UI.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(14);

    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add("BRIDGE_PORT must be a TCP port number between 1 and 65535.");
        }
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > MaxRequestTimeout)
        {
            failures.Add("Bridge__RequestTimeout must be between 00:00:00.1 and 00:00:14: the UI waits 15 s for an answer, "
                + "so a longer wait would show \"Cannot reach GenieCanvas server\" while the bridge is still waiting.");
        }
        if (options.ResponderBudget < TimeSpan.FromMilliseconds(100) || options.ResponderBudget > TimeSpan.FromMinutes(10))
        {
            failures.Add("Bridge__ResponderBudget must be between 00:00:00.1 and 00:10:00 (the responders' Responder__TotalBudget).");
        }
        if (options.ReplyMargin < TimeSpan.Zero || options.ReplyMargin > TimeSpan.FromSeconds(5))
        {
            failures.Add("Bridge__ReplyMargin must be between 0 and 00:00:05.");
        }
        if (options.ReconnectWait < TimeSpan.Zero || options.ReconnectWait > TimeSpan.FromSeconds(5))
        {
            failures.Add("Bridge__ReconnectWait must be between 0 and 00:00:05: requests are held that long while the bus reconnects.");
        }
        if (!SpaceId.TryValidate(options.DefaultSpaceId, out var problem))
        {
            failures.Add("GENIE_DEFAULT_SPACE_ID is not a valid space id: " + problem);
        }
        if (options.ReadinessCacheDuration < TimeSpan.Zero || options.ReadinessCacheDuration > TimeSpan.FromMinutes(1))
        {
            failures.Add("Bridge__ReadinessCacheDuration must be between 0 and 00:01:00.");
        }
        if (options.ResponderPingTimeout <= TimeSpan.Zero || options.ResponderPingTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add("Bridge__ResponderPingTimeout must be above 0 and at most 00:00:30.");
        }
        if (options.StatusWindow <= TimeSpan.Zero || options.StatusWindow > TimeSpan.FromSeconds(30))
        {
            failures.Add("Bridge__StatusWindow must be above 0 and at most 00:00:30.");
        }
        if (options.AskTimeout < TimeSpan.FromSeconds(1) || options.AskTimeout > TimeSpan.FromMinutes(11))
        {
            failures.Add("Bridge__AskTimeout must be between 00:00:01 and 00:11:00 (the responder's ask budget is at most 10 minutes).");
        }
        if (options.AskKeepAlive < TimeSpan.FromMilliseconds(100) || options.AskKeepAlive > TimeSpan.FromSeconds(60))
        {
            failures.Add("Bridge__AskKeepAlive must be between 00:00:00.1 and 00:01:00.");
        }
        if (options.MaxRequestBodyBytes is < 256 or > 1024 * 1024)
        {
            failures.Add("Bridge__MaxRequestBodyBytes must be between 256 and 1048576.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
