using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Published (not requested) on <c>genie.ask.cancel</c> when the caller of an ask went away: every responder hears it
/// (no queue group), and the one polling for that request id stops.
/// </summary>
public sealed record AskCancelRequest([property: JsonPropertyName("request_id")] string RequestId);
