using NATS.Client.Core;

namespace GenieCanvas.Responder.Tests;

/// <summary>A reply as a requester sees it: the micro-service status (200 when no error header), headers and the JSON body.</summary>
public sealed record BusReply(int Status, string? ErrorMessage, NatsHeaders? Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string ErrorText => Json.GetProperty("error").GetProperty("message").GetString()!;

    public static BusReply From(NatsMsg<byte[]> msg)
    {
        var status = 200;
        string? message = null;
        if (msg.Headers is { } headers && headers.TryGetValue(GenieHeaders.ServiceErrorCode, out var code))
        {
            status = int.Parse(code.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            message = headers.TryGetValue(GenieHeaders.ServiceError, out var text) ? text.ToString() : null;
        }
        return new BusReply(status, message, msg.Headers, msg.Data ?? []);
    }
}
