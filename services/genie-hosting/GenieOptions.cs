using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GenieCanvas.Hosting;

/// <summary>
/// Options the GenieCanvas way: bound from configuration (a section, or the root for options whose properties carry
/// <c>[ConfigurationKeyName("NATS_URL")]</c> like the emulator's), checked by their validator at start. A value of the
/// wrong type (<c>Responder__TotalBudget=abc</c>) is reported as a validation failure naming the key, with the others.
/// </summary>
public static class GenieOptions
{
    public static OptionsBuilder<T> AddGenieOptions<T>(this IServiceCollection services, string? section = null)
        where T : class
    {
        services.TryAddEnumerableValidator<T>();
        return services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                try
                {
                    (section is null ? configuration : configuration.GetSection(section)).Bind(options);
                }
                catch (InvalidOperationException e)
                {
                    // The binder's message names the key and the expected type.
                    BindingFailures.GetOrCreateValue(options).Add(e.Message);
                }
            })
            .ValidateOnStart();
    }

    private static readonly ConditionalWeakTable<object, List<string>> BindingFailures = new();

    private static void TryAddEnumerableValidator<T>(this IServiceCollection services) where T : class
    {
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<T>) && d.ImplementationType == typeof(BindingValidator<T>)))
        {
            services.AddSingleton<IValidateOptions<T>, BindingValidator<T>>();
        }
    }

    private sealed class BindingValidator<T> : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            BindingFailures.TryGetValue(options, out var failures) && failures.Count > 0
                ? ValidateOptionsResult.Fail(failures)
                : ValidateOptionsResult.Success;
    }
}
