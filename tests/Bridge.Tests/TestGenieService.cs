using System.Text;
using GenieCanvas.Contracts;
using NATS.Client.Core;
using NATS.Client.Services;
using NATS.Net;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// A genie micro service run by the test itself (NATS.Net services on the real server, queue group "genie"): it
/// answers $SRV.PING/STATS.genie like the real responder, and genie.get with whatever <c>handler</c> the test chooses.
/// Every request it receives is recorded, so a test can prove what did (or did not) reach the bus.
/// </summary>
public sealed class TestGenieService : IAsyncDisposable
{
    private readonly NatsClient _client;
    private readonly INatsSvcServer _service;
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _received = [];

    private TestGenieService(NatsClient client, INatsSvcServer service)
    {
        _client = client;
        _service = service;
    }

    public static readonly INatsSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts the service on genie.get, and on genie.list too when <paramref name="listToo"/> (same handler, recorded alike).</summary>
    public static async Task<TestGenieService> StartAsync(
        string natsUrl, Func<NatsSvcMsg<byte[]>, ValueTask> handler, CancellationToken cancellationToken, NatsAuthOpts? auth = null,
        bool listToo = false)
    {
        var client = new NatsClient(new NatsOpts { Url = natsUrl, Name = "bridge-tests-genie", AuthOpts = auth ?? NatsAuthOpts.Default });
        var service = await client.CreateServicesContext().AddServiceAsync(
            new NatsSvcConfig(GenieSubjects.ServiceName, "0.0.1-test") { QueueGroup = GenieSubjects.QueueGroup }, cancellationToken);
        var genie = new TestGenieService(client, service);
        async ValueTask RecordAndHandle(NatsSvcMsg<byte[]> msg)
        {
            lock (genie._gate)
            {
                genie._received.Add(new ReceivedRequest(msg.Headers, msg.Data ?? []));
            }
            await handler(msg);
        }
        await service.AddEndpointAsync<byte[]>(
            RecordAndHandle, name: GenieSubjects.GetEndpoint, subject: GenieSubjects.Get, serializer: Raw, cancellationToken: cancellationToken);
        if (listToo)
        {
            await service.AddEndpointAsync<byte[]>(
                RecordAndHandle, name: GenieSubjects.ListEndpoint, subject: GenieSubjects.List, serializer: Raw, cancellationToken: cancellationToken);
        }
        return genie;
    }

    /// <summary>The space every genie.get gets from <see cref="StartAnsweringAsync"/>.</summary>
    public static readonly byte[] SampleSpace = Encoding.UTF8.GetBytes("{\"id\":\"s1\",\"space_id\":\"s1\"}");

    /// <summary>A service that answers every genie.get with <see cref="SampleSpace"/>.</summary>
    public static Task<TestGenieService> StartAnsweringAsync(string natsUrl, CancellationToken cancellationToken, NatsAuthOpts? auth = null) =>
        StartAsync(natsUrl, msg => msg.ReplyAsync(SampleSpace, serializer: Raw), cancellationToken, auth);

    /// <summary>A service that records requests and never answers them.</summary>
    public static Task<TestGenieService> StartSilentAsync(string natsUrl, CancellationToken cancellationToken) =>
        StartAsync(natsUrl, _ => ValueTask.CompletedTask, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _client.DisposeAsync();
    }
}
