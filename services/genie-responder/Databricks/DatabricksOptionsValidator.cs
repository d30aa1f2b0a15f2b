using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Turns a configuration problem found by <see cref="DatabricksConfigResolver"/> into a start-up failure.</summary>
public sealed class DatabricksOptionsValidator : IValidateOptions<DatabricksOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabricksOptions options) =>
        options.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
