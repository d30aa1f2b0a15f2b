using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// A responder's success reply, written to the HTTP response as the exact bytes it sent (no JSON round trip),
/// from a pooled buffer that is returned once written.
/// </summary>
public sealed class BusReplyResult(NatsMemoryOwner<byte> body, int status = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => status;

    public string ContentType => "application/json";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (status == StatusCodes.Status204NoContent)
        {
            body.Dispose(); // 204: the reply ({}) is not passed on
            return;
        }
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
