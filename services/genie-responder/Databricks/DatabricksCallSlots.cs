using Microsoft.Extensions.Options;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The bound on Databricks calls at once (<see cref="ResponderOptions.MaxConcurrency"/>), one for the whole process:
/// a singleton, because the typed <see cref="DatabricksClient"/> is made once per operation.
/// </summary>
public sealed class DatabricksCallSlots(IOptions<ResponderOptions> options)
{
    public SemaphoreSlim Slots { get; } = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
}
