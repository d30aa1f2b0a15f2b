using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Client.Services;

namespace GenieCanvas.Responder.Genie;

/// <summary>Sends replies: the JSON on success; on error the NATS micro error headers and the JSON error body. Both echo X-Request-Id.</summary>
public static class GenieReplies
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    // The contract's context with plain escaping: the body is JSON for programs and people, not for an HTML page.
    private static readonly GenieJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    public static async ValueTask SendAsync(NatsSvcMsg<byte[]> msg, GenieOutcome outcome, string requestId)
    {
        using var timeout = new CancellationTokenSource(PublishTimeout);
        var headers = new NatsHeaders { [GenieHeaders.RequestId] = requestId };
        if (outcome.Error is not { } error)
        {
            await msg.ReplyAsync(outcome.Reply ?? [], headers, serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: timeout.Token);
            return;
        }
        if (error.RetryAfterSeconds is { } seconds)
        {
            headers[GenieHeaders.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ErrorReply(new ErrorDetail(error.Code, error.Message, requestId, error.RetryAfterSeconds)),
            Json.ErrorReply);
        await msg.ReplyErrorAsync(error.Status, error.Message, body, headers, serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: timeout.Token);
    }
}
