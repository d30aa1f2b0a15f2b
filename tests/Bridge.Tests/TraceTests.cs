using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// OpenTelemetry on (OTEL_EXPORTER_OTLP_ENDPOINT set): one browser request is one trace from the bridge's HTTP span
/// over NATS into the responder and its Databricks HTTP call, as a real OTLP receiver sees it; the log lines of both
/// services carry the request id and that trace id.
/// </summary>
public sealed class TraceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task One_trace_id_spans_the_bridge_the_responder_and_the_Databricks_call()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        await using var stack = await GenieStack.StartAsync(new GenieStackOptions
        {
            Bridge = true,
            BridgeEnv = receiver.Environment,
            ResponderEnv = receiver.Environment,
        }, cts.Token);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/genie/get?space_id=" + EmulatorProcess.SalesSpaceId);
        request.Headers.Add("X-Request-Id", "trace-test-1");
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);
        Assert.Equal(200, (int)response.StatusCode);

        // The bridge's server span for the route is the root: the caller sent no traceparent.
        var bridgeSpan = await Eventually.ValueAsync(
            () => receiver.Spans.FirstOrDefault(s => s.Service == "genie-http-bridge" && s.Kind == ReceivedSpan.Server && s.Name.Contains("/api/genie/get", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), () => "no bridge server span; received: " + Describe(receiver));
        var trace = bridgeSpan.TraceId;
        var responderSpan = await Eventually.ValueAsync(
            () => receiver.Spans.FirstOrDefault(s => s.Service == "genie-responder" && s.Kind == ReceivedSpan.Server && s.Name == "genie.get"),
            TimeSpan.FromSeconds(20), () => "no responder span; received: " + Describe(receiver));
        var databricksCall = await Eventually.ValueAsync(
            () => receiver.Spans.FirstOrDefault(s => s.Service == "genie-responder" && s.Kind == ReceivedSpan.Client && s.Name.StartsWith("GET", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), () => "no Databricks HTTP span; received: " + Describe(receiver));

        foreach (var span in receiver.Spans.Where(s => s.TraceId == trace))
        {
            output.WriteLine($"{span.Service} kind {span.Kind} '{span.Name}' trace {span.TraceId} span {span.SpanId} parent {span.ParentSpanId}");
        }
        Assert.Equal(32, trace.Length);
        Assert.Equal(trace, responderSpan.TraceId);
        Assert.Equal(trace, databricksCall.TraceId);
        // Parent links: the responder's span hangs under a bridge span (the HTTP span or NATS.Net's request span), the
        // Databricks call under the responder's span (directly, or through the resilience pipeline's spans).
        var bridgeSpanIds = receiver.Spans.Where(s => s.Service == "genie-http-bridge" && s.TraceId == trace).Select(s => s.SpanId).ToHashSet();
        Assert.Contains(responderSpan.ParentSpanId, bridgeSpanIds);
        Assert.True(IsDescendant(receiver.Spans, databricksCall, responderSpan.SpanId), "the Databricks call is not under the responder's span");

        // The log lines about the request carry its id and the trace id, in both services.
        var context = $"[request trace-test-1 trace {trace}]";
        await Eventually.ValueAsync(() => stack.Bridge.Process.Output.Contains(context, StringComparison.Ordinal) ? "" : null,
            TimeSpan.FromSeconds(10), () => "bridge output lacks " + context + ":\n" + stack.Bridge.Process.Output);
        await Eventually.ValueAsync(() => stack.Responders[0].Process.Output.Contains("Handled genie.get request trace-test-1", StringComparison.Ordinal) ? "" : null,
            TimeSpan.FromSeconds(10), () => "no responder line:\n" + stack.Responders[0].Process.Output);
        var handled = stack.Responders[0].Process.Output.Split('\n').Single(l => l.Contains("Handled genie.get request trace-test-1", StringComparison.Ordinal));
        Assert.Contains(context, handled);
    }

    private static bool IsDescendant(IReadOnlyCollection<ReceivedSpan> spans, ReceivedSpan span, string ancestorSpanId)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestorSpanId)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(OtlpTraceReceiver receiver) =>
        string.Join("; ", receiver.Spans.Select(s => $"{s.Service} {s.Kind} {s.Name} {s.TraceId}/{s.SpanId}<-{s.ParentSpanId}"));
}
