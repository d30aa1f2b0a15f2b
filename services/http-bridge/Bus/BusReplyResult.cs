using NATS.Client.Core;

namespace GenieCanvas.Bridge.Bus;

/// <summary>
/// A responder's success reply, written to the HTTP response as the exact bytes it sent (no JSON round trip),
/// from a pooled buffer that is returned once written. 200, 201 with a Location (<see cref="Created"/>), or 204 without the body.
/// </summary>
public sealed class BusReplyResult(NatsMemoryOwner<byte> body, int status = StatusCodes.Status200OK, string? location = null)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => status;

    /// <summary>The reply as it came, e.g. to read the id of what was created.</summary>
    public ReadOnlyMemory<byte> Body => body.Memory;

    /// <summary>The same reply as 201 Created with <c>Location: <paramref name="at"/></c>.</summary>
    public BusReplyResult Created(string at) => new(body, StatusCodes.Status201Created, at);

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
        if (location is not null)
        {
            response.Headers.Location = location;
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
