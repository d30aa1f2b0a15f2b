using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenieCanvas.Bridge.Tests;

/// <summary>One span as an OTLP exporter sent it: the resource's <c>service.name</c> and the span's ids, name and kind.</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public const int Server = 2;
    public const int Client = 3;
}

/// <summary>
/// A real OTLP/HTTP receiver for the test: Kestrel on loopback taking <c>POST /v1/traces</c> (protobuf
/// ExportTraceServiceRequest, decoded here: no OTLP proto package is served), and accepting <c>/v1/metrics</c> and
/// <c>/v1/logs</c> so the exporters have somewhere to send. Point a service at it with <see cref="Environment"/>.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public int MetricsExports { get; private set; }

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    /// <summary>OTLP over HTTP/protobuf to this receiver, exported within ~100 ms (batch delay) instead of 5 s.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in Decode(body.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", () =>
        {
            receiver.MetricsExports++;
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/logs", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }
    // Resource { repeated KeyValue attributes = 1 }  KeyValue { string key = 1; AnyValue value = 2 }  AnyValue { string string_value = 1 }
    // ScopeSpans { repeated Span spans = 2 }  Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6 }
    private static IEnumerable<ReceivedSpan> Decode(byte[] request)
    {
        foreach (var (field, resourceSpans) in Protobuf.Fields(request))
        {
            if (field != 1)
            {
                continue;
            }
            var service = "";
            var spans = new List<ReadOnlyMemory<byte>>();
            foreach (var (f, value) in Protobuf.Fields(resourceSpans))
            {
                if (f == 1)
                {
                    service = ServiceName(value) ?? service;
                }
                else if (f == 2)
                {
                    spans.AddRange(Protobuf.Fields(value).Where(s => s.Field == 2).Select(s => s.Value));
                }
            }
            foreach (var span in spans)
            {
                string traceId = "", spanId = "", parent = "", name = "";
                var kind = 0;
                foreach (var (f, value) in Protobuf.Fields(span))
                {
                    switch (f)
                    {
                        case 1: traceId = Convert.ToHexStringLower(value.Span); break;
                        case 2: spanId = Convert.ToHexStringLower(value.Span); break;
                        case 4: parent = Convert.ToHexStringLower(value.Span); break;
                        case 5: name = System.Text.Encoding.UTF8.GetString(value.Span); break;
                        case 6: kind = (int)Protobuf.VarintValue(value); break;
                    }
                }
                yield return new ReceivedSpan(service, traceId, spanId, parent, name, kind);
            }
        }
    }

    private static string? ServiceName(ReadOnlyMemory<byte> resource)
    {
        foreach (var (f, keyValue) in Protobuf.Fields(resource))
        {
            if (f != 1)
            {
                continue;
            }
            var fields = Protobuf.Fields(keyValue).ToList();
            var key = fields.Where(x => x.Field == 1).Select(x => System.Text.Encoding.UTF8.GetString(x.Value.Span)).FirstOrDefault();
            if (key == "service.name")
            {
                var any = fields.First(x => x.Field == 2).Value;
                return Protobuf.Fields(any).Where(x => x.Field == 1).Select(x => System.Text.Encoding.UTF8.GetString(x.Value.Span)).FirstOrDefault();
            }
        }
        return null;
    }

    /// <summary>The protobuf wire format, as far as the trace request needs it (varint, fixed 64/32, length-delimited).</summary>
    private static class Protobuf
    {
        /// <summary>The fields of a message; a varint's value comes back as its encoded bytes (read with <see cref="VarintValue"/>).</summary>
        public static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
        {
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message.Span, ref position);
                var field = (int)(tag >> 3);
                switch (tag & 7)
                {
                    case 0:
                        var start = position;
                        ReadVarint(message.Span, ref position);
                        yield return (field, message[start..position]);
                        break;
                    case 1:
                        yield return (field, message.Slice(position, 8));
                        position += 8;
                        break;
                    case 2:
                        var length = (int)ReadVarint(message.Span, ref position);
                        yield return (field, message.Slice(position, length));
                        position += length;
                        break;
                    case 5:
                        yield return (field, message.Slice(position, 4));
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7}.");
                }
            }
        }

        public static ulong VarintValue(ReadOnlyMemory<byte> encoded)
        {
            var position = 0;
            return ReadVarint(encoded.Span, ref position);
        }

        private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}
