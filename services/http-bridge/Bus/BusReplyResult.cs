using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// A responder's success reply, written to the HTTP response as the exact bytes it sent (no JSON round trip),
/// from a pooled buffer that is returned once written.
/// </summary>
public sealed class BusReplyResult(NatsMemoryOwner<byte> body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Memory.Length;
        try
        {
            await response.Body.WriteAsync(body.Memory, httpContext.RequestAborted);
        }
        finally
        {
            body.Dispose();
        }
    }
}
