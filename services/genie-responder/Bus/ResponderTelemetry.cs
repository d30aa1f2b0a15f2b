using System.Diagnostics;
using System.Diagnostics.Metrics;
using GenieCanvas.Contracts;
using NATS.Client.Core;

namespace GenieCanvas.Responder.Bus;

/// <summary>
/// The responder's ActivitySource and Meter (both <see cref="Name"/>; exported when OpenTelemetry is on, see
/// <c>GenieTelemetry</c>): a server span per request, child of the bridge's <c>traceparent</c>, and the metrics
/// operators ask for. Without a listener every instrument is a no-op.
/// </summary>
public sealed class ResponderTelemetry : IDisposable
{
    public const string Name = "GenieCanvas.Responder";

    private static readonly ActivitySource Source = new(Name);
    private readonly Meter _meter = new(Name);
    private readonly Histogram<double> _requests;
    private readonly Counter<long> _databricksCalls;
    private readonly Counter<long> _sharedCalls;

    public ResponderTelemetry()
    {
        _requests = _meter.CreateHistogram<double>("genie.responder.request.duration", "s",
            "Bus requests handled, by operation (subject), status and outcome code, with their duration from arrival to reply.");
        _databricksCalls = _meter.CreateCounter<long>("genie.responder.databricks.calls", "{call}",
            "Databricks HTTP calls (after retries), by HTTP status, or 'error' / 'timeout' when no answer came.");
        _sharedCalls = _meter.CreateCounter<long>("genie.responder.shared_calls", "{request}",
            "Requests that joined a Databricks call already under way for the same key (single flight) instead of making their own.");
    }

    /// <summary>The in-flight gauge, read from <paramref name="inFlight"/> (the dispatcher) when metrics are collected.</summary>
    public void ObserveInFlight(Func<int> inFlight) =>
        _meter.CreateObservableUpDownCounter("genie.responder.requests.in_flight", inFlight, "{request}",
            "Requests taken from the bus and not yet answered.");

    /// <summary>
    /// The request's span, a child of the caller's <c>traceparent</c>. With no listener (OpenTelemetry off) and a
    /// caller that sent one, a plain Activity with that parent instead: log lines still carry the trace id and the
    /// Databricks call still gets a <c>traceparent</c> of the same trace.
    /// </summary>
    public static Activity? StartRequest(string subject, NatsHeaders? headers)
    {
        string? traceParent = null;
        string? traceState = null;
        if (headers is not null)
        {
            traceParent = headers.TryGetValue(GenieHeaders.TraceParent, out var parent) ? parent.ToString() : null;
            traceState = headers.TryGetValue("tracestate", out var state) ? state.ToString() : null;
        }
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context);
        if (Source.HasListeners())
        {
            var activity = Source.StartActivity(subject, ActivityKind.Server, context);
            activity?.SetTag("messaging.system", "nats");
            activity?.SetTag("messaging.destination.name", subject);
            return activity;
        }
        return context == default ? null : new Activity(subject).SetParentId(context.TraceId, context.SpanId, context.TraceFlags).Start();
    }

    public void RequestHandled(string subject, Outcome outcome, TimeSpan elapsed)
    {
        Activity.Current?.SetTag("genie.outcome", outcome.Code);
        if (outcome.Status >= 500)
        {
            Activity.Current?.SetStatus(ActivityStatusCode.Error, outcome.Code);
        }
        if (_requests.Enabled)
        {
            _requests.Record(elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("genie.operation", subject),
                new KeyValuePair<string, object?>("genie.status", outcome.Status),
                new KeyValuePair<string, object?>("genie.outcome", outcome.Code));
        }
    }

    /// <summary>One Databricks call ended: its HTTP status, or "error" / "timeout".</summary>
    public void DatabricksCall(string status) =>
        _databricksCalls.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));

    public void SharedCall() => _sharedCalls.Add(1);

    public void Dispose() => _meter.Dispose();
}
