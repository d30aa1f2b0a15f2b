using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Hosting;

/// <summary>
/// Recognises a configuration that cannot work, by type only: one <see cref="OptionsValidationException"/> when one
/// options type fails, an <see cref="AggregateException"/> of them when several do. Values of the wrong type are
/// validation failures too (<see cref="GenieOptions"/> turns the binder's error into one).
/// </summary>
public static class ConfigurationProblems
{
    public static bool TryDescribe(Exception? exception, [NotNullWhen(true)] out string? problems)
    {
        IEnumerable<string>? failures = exception switch
        {
            OptionsValidationException single => single.Failures,
            AggregateException many when many.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(e => e is OptionsValidationException) =>
                inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => null,
        };
        problems = failures is null ? null : string.Join(" ", failures);
        return problems is not null;
    }

    public static bool Is(Exception? exception) => TryDescribe(exception, out _);
}
