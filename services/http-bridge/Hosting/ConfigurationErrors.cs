using Microsoft.Extensions.Options;

namespace GenieCanvas.Bridge.Hosting;

/// <summary>
/// Recognises a bad configuration at start: one <see cref="OptionsValidationException"/>, or an
/// <see cref="AggregateException"/> of them when several options types fail their ValidateOnStart check.
/// </summary>
public static class ConfigurationErrors
{
    public static bool Is(Exception exception) => TryGetFailures(exception, out _);

    public static bool TryGetFailures(Exception exception, out IReadOnlyList<string> failures)
    {
        switch (exception)
        {
            case OptionsValidationException single:
                failures = [.. single.Failures];
                return true;
            case AggregateException { InnerExceptions.Count: > 0 } many
                when many.InnerExceptions.All(static e => e is OptionsValidationException):
                failures = [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(static e => e.Failures)];
                return true;
            // The binder's own error for a value of the wrong type (Bridge__RequestTimeout=abc); it names the key.
            case InvalidOperationException bad when bad.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                failures = [bad.Message];
                return true;
            default:
                failures = [];
                return false;
        }
    }
}
