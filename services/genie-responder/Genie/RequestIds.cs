using GenieCanvas.Contracts;
using NATS.Client.Core;

namespace GenieCanvas.Responder.Genie;

/// <summary>The request's X-Request-Id when it is a sane token, else a new one.</summary>
public static class RequestIds
{
    public static string From(NatsHeaders? headers)
    {
        if (headers is not null && headers.TryGetValue(GenieHeaders.RequestId, out var values)
            && values.ToString() is { Length: > 0 and <= 128 } id
            && id.All(c => c is > ' ' and < (char)127))
        {
            return id;
        }
        return Guid.NewGuid().ToString("N");
    }
}
