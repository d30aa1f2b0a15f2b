using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Hosting;

/// <summary>
/// Recognises a configuration that cannot work, as ValidateOnStart reports it: one <see cref="OptionsValidationException"/>
/// when one options type fails, an <see cref="AggregateException"/> of them when several do (e.g. DATABRICKS_HOST
/// missing and NATS_USER without NATS_PASSWORD). Either way it is one line naming every problem, not a crash.
/// </summary>
public static class ConfigurationProblem
{
    public static bool TryDescribe(Exception? exception, [NotNullWhen(true)] out string? problem)
    {
        IEnumerable<string>? failures = exception switch
        {
            OptionsValidationException single => single.Failures,
            AggregateException many when many.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(e => e is OptionsValidationException) =>
                inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
            // The binder's own error for a value of the wrong type (Responder__TotalBudget=abc); it names the key.
            InvalidOperationException bad when IsConversionFailure(bad) => [bad.Message],
            _ => null,
        };
        problem = failures is null ? null : string.Join(" ", failures);
        return problem is not null;
    }

    public static bool Is(Exception? exception) => TryDescribe(exception, out _);

    private static bool IsConversionFailure(InvalidOperationException e) =>
        e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);
}
