using Serilog.Core;
using Serilog.Events;

namespace GenieCanvas.Hosting;

/// <summary>
/// Gives every log line written during a request <c>{RequestContext}</c> = " [request &lt;id&gt; trace &lt;trace id&gt;]":
/// the request id from the log scope (<c>RequestId</c>: ASP.NET Core's in the bridge, the dispatcher's in the
/// responder) and the trace id of the current Activity. Lines outside a request get an empty value.
/// </summary>
public sealed class RequestContextEnricher : ILogEventEnricher
{
    public const string PropertyName = "RequestContext";
    private static readonly LogEventProperty Empty = new(PropertyName, new ScalarValue(string.Empty));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var requestId = logEvent.Properties.TryGetValue("RequestId", out var value) && value is ScalarValue { Value: string id } ? id : null;
        var traceId = logEvent.TraceId?.ToHexString();
        if (requestId is null && traceId is null)
        {
            logEvent.AddPropertyIfAbsent(Empty);
            return;
        }
        var text = requestId is null ? $" [trace {traceId}]" : traceId is null ? $" [request {requestId}]" : $" [request {requestId} trace {traceId}]";
        logEvent.AddOrUpdateProperty(new LogEventProperty(PropertyName, new ScalarValue(text)));
    }
}
