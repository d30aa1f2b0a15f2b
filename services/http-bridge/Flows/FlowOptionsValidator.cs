using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Flows;

/// <summary>Checked at start (ValidateOnStart), reported in the bridge's one-line configuration error.</summary>
public sealed class FlowOptionsValidator : IValidateOptions<FlowOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowOptions options)
    {
        var failures = new List<string>();
        if (options.FlowReplicas is < 1 or > 5)
        {
            failures.Add("Bridge__FlowReplicas must be from 1 to 5 (JetStream's limit): 1 on a single nats-server, 3 on the three-node cluster.");
        }
        if (options.FlowHistory is < 2 or > 64)
        {
            failures.Add("Bridge__FlowHistory must be from 2 to 64 (JetStream keeps at most 64 revisions per key).");
        }
        if (options.FlowTimeout < TimeSpan.FromMilliseconds(100) || options.FlowTimeout > TimeSpan.FromSeconds(14))
        {
            failures.Add("Bridge__FlowTimeout must be between 00:00:00.1 and 00:00:14: the UI waits 15 s for an answer.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
