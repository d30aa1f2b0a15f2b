using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GenieCanvas.Bridge.Bus;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.Bridge.Api;

/// <summary>
/// <c>POST /api/genie/ask</c> → the streamed <c>genie.ask</c>. Bad input is a plain 400 in both modes, no responder a
/// 503 at once. With <c>Accept: text/event-stream</c>: Server-Sent Events (<c>status</c>, then one <c>answer</c> or
/// <c>error</c> whose data is the ProblemDetails), a comment line every keep-alive interval; otherwise the final answer
/// as JSON (200) or the ProblemDetails. A bus stream that ends without a final event becomes an error, never silence;
/// a caller that goes away cancels the ask upstream.
/// </summary>
public static class AskApi
{
    /// <summary>A question of 2,000 characters is up to 6 KB of UTF-8: more than the 4 KB other routes accept.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    private const string Example = "{\"space_id\": \"01f0eca3dc1b1cbc9b65fa58f94c18ad\", \"question\": \"What was revenue last month?\"}";

    // An SSE comment. TypedResults.ServerSentEvents writes items only; this goes straight to the body between items.
    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public static async Task<IResult> AskAsync(HttpContext http, AskForwarder asks)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        if (!http.Request.HasJsonContentType())
        {
            return GenieProblems.InvalidRequest(http, $"POST /api/genie/ask needs Content-Type: application/json and a body like {Example}.");
        }
        AskRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(GenieJsonContext.Default.AskRequest, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return GenieProblems.BodyTooLarge(http, MaxBodyBytes);
        }
        catch (JsonException)
        {
            return GenieProblems.InvalidRequest(http, $"The body must be a JSON object like {Example}.");
        }
        if (request is null)
        {
            return GenieProblems.InvalidRequest(http, $"The body must be a JSON object like {Example}.");
        }
        if (!request.TryValidate(out var problem))
        {
            return GenieProblems.InvalidRequest(http, problem);
        }
        if (!asks.Connected)
        {
            return GenieProblems.BusUnavailable(http);
        }

        // The bus gets the canonical record, never the caller's bytes.
        var canonical = new AskRequest(request.SpaceId, request.Question, request.ConversationId);
        var stream = asks.Open(canonical, http);
        var handedOver = false;
        try
        {
            // Read up to the first message before answering: no responder is a plain 503 at once, a refusal a plain 400.
            var first = await NextAsync(stream, asks);
            switch (first.Kind)
            {
                case AskStreamKind.NoResponders:
                    return GenieProblems.NoResponders(http);
                case AskStreamKind.Failed when !asks.Connected:
                    return GenieProblems.BusUnavailable(http);
                case AskStreamKind.Event when first.Event == "error" && ErrorStatus(first) == StatusCodes.Status400BadRequest:
                    return ToProblem(http, first);
            }
            handedOver = true;
            return WantsEventStream(http)
                ? TypedResults.ServerSentEvents(EventsAsync(http, asks, stream, first))
                : await FinalAsJsonAsync(http, asks, stream, first);
        }
        finally
        {
            if (!handedOver)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        HttpContext http, AskForwarder asks, AskStream stream, AskStreamItem first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var item = first;
        var final = false; // the responder's own final event came: nothing to cancel
        try
        {
            while (true)
            {
                if (item.Kind == AskStreamKind.Idle)
                {
                    await http.Response.Body.WriteAsync(KeepAliveComment, cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                }
                else if (item.Kind == AskStreamKind.Event && item.Event == "status")
                {
                    yield return new SseItem<string>(Encoding.UTF8.GetString(item.Body!), "status");
                }
                else if (item.Kind == AskStreamKind.Event && item.Event == "answer")
                {
                    final = true;
                    yield return new SseItem<string>(Encoding.UTF8.GetString(item.Body!), "answer");
                    yield break;
                }
                else
                {
                    // The responder's error, or a stream that ended without a final event: an error event either way.
                    // Only the responder's own final event means it stopped; otherwise it is told to (EndAsync).
                    final = item.IsFinal;
                    yield return new SseItem<string>(ProblemJson(ToProblem(http, item)), "error");
                    yield break;
                }
                item = await NextAsync(stream, asks);
            }
        }
        finally
        {
            await EndAsync(http, asks, stream, final);
        }
    }

    private static async Task<IResult> FinalAsJsonAsync(HttpContext http, AskForwarder asks, AskStream stream, AskStreamItem first)
    {
        var item = first;
        var final = false;
        try
        {
            while (item.Kind == AskStreamKind.Idle || item is { Kind: AskStreamKind.Event, Event: "status" })
            {
                item = await NextAsync(stream, asks);
            }
            final = item.IsFinal;
            return item is { Kind: AskStreamKind.Event, Event: "answer" }
                ? TypedResults.Bytes(item.Body!, "application/json")
                : ToProblem(http, item);
        }
        finally
        {
            await EndAsync(http, asks, stream, final);
        }
    }

    /// <summary>The next message; an idle interval is also a liveness check (the ask's responder gone → the stream has ended).</summary>
    private static async Task<AskStreamItem> NextAsync(AskStream stream, AskForwarder asks)
    {
        var item = await stream.NextAsync(asks.KeepAlive);
        return item.Kind == AskStreamKind.Idle && !await asks.ResponderAliveAsync(stream.ResponderId)
            ? new AskStreamItem(AskStreamKind.Ended)
            : item;
    }

    private static async Task EndAsync(HttpContext http, AskForwarder asks, AskStream stream, bool final)
    {
        await stream.DisposeAsync();
        if (!final)
        {
            // The caller went away (or the bridge stops) before the answer: stop the polling upstream.
            await asks.CancelAsync(http.TraceIdentifier);
        }
    }

    private static ProblemHttpResult ToProblem(HttpContext http, AskStreamItem item) => item.Kind switch
    {
        AskStreamKind.Event when item.Headers is { } headers && headers.TryGetValue(GenieHeaders.ServiceErrorCode, out var status) =>
            ErrorReplyMapper.ToProblem(http, headers, status.ToString(), item.Body),
        AskStreamKind.NoResponders or AskStreamKind.Ended => GenieProblems.Create(http, StatusCodes.Status503ServiceUnavailable,
            GenieErrorCodes.ServiceUnavailable, "The Genie responder stopped before it answered (it was stopped or crashed); ask again.", retryAfterSeconds: 1),
        AskStreamKind.TimedOut => GenieProblems.Create(http, StatusCodes.Status503ServiceUnavailable, GenieErrorCodes.ResponderTimeout,
            "The Genie responder did not finish the ask in time; ask again.", retryAfterSeconds: 5),
        AskStreamKind.Failed when http.RequestAborted.IsCancellationRequested => GenieProblems.ClientClosed(http),
        AskStreamKind.Failed => GenieProblems.BusUnavailable(http),
        _ => GenieProblems.Create(http, StatusCodes.Status502BadGateway, GenieErrorCodes.UpstreamError,
            $"The Genie responder sent an unexpected '{item.Event}' message."),
    };

    private static int ErrorStatus(AskStreamItem item) =>
        item.Headers is { } headers && headers.TryGetValue(GenieHeaders.ServiceErrorCode, out var value)
        && int.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0;

    private static string ProblemJson(ProblemHttpResult problem) =>
        JsonSerializer.Serialize(problem.ProblemDetails, BridgeJsonContext.Default.ProblemDetails);

    private static bool WantsEventStream(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
