using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// Sends an <see cref="Outcome"/>: the reply bytes on success; on error the NATS micro error headers and the JSON error
/// body. Both echo X-Request-Id. On a streamed endpoint the message also carries <c>Genie-Event</c> (answer / error)
/// and is followed by the empty end-of-stream sentinel.
/// </summary>
public static class BusReplies
{
    public const string AnswerEvent = "answer";
    public const string ErrorEvent = "error";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private static readonly INatsSerialize<ReadOnlyMemory<byte>> Raw = NatsRawSerializer<ReadOnlyMemory<byte>>.Default;

    // The contract's context with plain escaping: the body is JSON for programs and people, not for an HTML page.
    private static readonly GenieJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static async ValueTask SendAsync(NatsSvcMsg<byte[]> msg, Outcome outcome, string requestId, bool streamed)
    {
        using var timeout = new CancellationTokenSource(PublishTimeout);
        var headers = new NatsHeaders { [GenieHeaders.RequestId] = requestId };
        if (streamed)
        {
            headers[GenieHeaders.Event] = outcome.IsSuccess ? AnswerEvent : ErrorEvent;
        }
        if (outcome.IsSuccess)
        {
            await msg.ReplyAsync(outcome.Reply, headers, serializer: Raw, cancellationToken: timeout.Token);
        }
        else
        {
            if (outcome.RetryAfterSeconds is { } seconds)
            {
                headers[GenieHeaders.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            }
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new ErrorReply(new ErrorDetail(outcome.Code, outcome.Message, requestId, outcome.RetryAfterSeconds)) { Extensions = outcome.ErrorExtensions },
                Json.ErrorReply);
            await msg.ReplyErrorAsync(outcome.Status, outcome.Message, body, headers, serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: timeout.Token);
        }
        if (streamed)
        {
            // The end of the stream: an empty message, which NATS.Net's RequestManyAsync stops on.
            await msg.ReplyAsync(headers: new NatsHeaders { [GenieHeaders.RequestId] = requestId }, replyTo: null, opts: null, cancellationToken: timeout.Token);
        }
    }
}
