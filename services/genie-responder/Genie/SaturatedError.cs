using GenieCanvas.Contracts;

namespace GenieCanvas.Responder.Genie;

/// <summary>
/// The 504 of a request whose budget ran out while it waited for a slot, before anything was sent to Databricks.
/// Same code as a slow Databricks (the calls holding the slots are the slow ones), but the message says what happened.
/// </summary>
public static class SaturatedError
{
    public static GenieError For(string what, TimeSpan budget) => new(
        504,
        GenieErrorCodes.UpstreamTimeout,
        $"Nothing was sent to Databricks for {what}: the responder stayed busy with other Databricks calls for the whole {budget.TotalSeconds:0.#} s budget. Retry shortly.");
}
