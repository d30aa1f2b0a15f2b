using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;

namespace GenieCanvas.Bridge.Flows;

/// <summary>
/// The flows in the JetStream key-value bucket <c>genie_flows</c> (with history), on the bridge's one NATS
/// connection. Compare-and-set is JetStream's own (CreateAsync, UpdateAsync with the revision): no locks here.
/// The bucket is created (or its settings brought up to date) on first use, and again after a JetStream failure,
/// so nobody creates it by hand and a server that lost its store heals. Every failure to reach JetStream is a
/// <see cref="FlowsUnavailableException"/>.
/// </summary>
public sealed partial class FlowStore(INatsConnection nats, IOptions<FlowOptions> options, ILogger<FlowStore> logger)
{
    public const string Bucket = "genie_flows";

    private static readonly INatsSerialize<byte[]> Raw = NatsRawSerializer<byte[]>.Default;
    private static readonly INatsDeserialize<byte[]> RawRead = NatsRawSerializer<byte[]>.Default;

    private readonly FlowOptions _options = options.Value;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private volatile INatsKVStore? _store;

    public Task<IReadOnlyList<FlowSummary>> ListAsync(CancellationToken cancellationToken) =>
        RunAsync("list", async (store, token) =>
        {
            // The last entry of every key, metadata only; deletes are seen (and skipped) so Delta reaches 0.
            var flows = new List<FlowSummary>();
            var opts = new NatsKVWatchOpts { MetaOnly = true, OnNoData = static _ => ValueTask.FromResult(true) };
            await foreach (var entry in store.WatchAsync(RawRead, opts, token))
            {
                if (entry.Operation == NatsKVOperation.Put)
                {
                    flows.Add(new FlowSummary(FlowName.FromKey(entry.Key), entry.Revision, entry.Created));
                }
                if (entry.Delta == 0)
                {
                    break;
                }
            }
            flows.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return (IReadOnlyList<FlowSummary>)flows;
        }, cancellationToken);

    /// <summary>The flow's latest revision, or null when there is none (never saved, or deleted).</summary>
    public Task<FlowEntry?> GetAsync(string name, CancellationToken cancellationToken) =>
        RunAsync("get", async (store, token) =>
        {
            try
            {
                var entry = await store.GetEntryAsync(FlowName.ToKey(name), serializer: RawRead, cancellationToken: token);
                return new FlowEntry(name, entry.Revision, entry.Created, entry.Value ?? []);
            }
            catch (Exception ex) when (ex is NatsKVKeyNotFoundException or NatsKVKeyDeletedException)
            {
                return (FlowEntry?)null;
            }
        }, cancellationToken);

    /// <summary>Stores a new flow; its revision, or null when a flow of that name exists.</summary>
    public Task<ulong?> CreateAsync(string name, byte[] document, CancellationToken cancellationToken) =>
        RunAsync("create", async (store, token) =>
        {
            try
            {
                return (ulong?)await store.CreateAsync(FlowName.ToKey(name), document, Raw, token);
            }
            catch (NatsKVCreateException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>Replaces the flow if <paramref name="revision"/> is still its latest; the new revision, or null.</summary>
    public Task<ulong?> ReplaceAsync(string name, byte[] document, ulong revision, CancellationToken cancellationToken) =>
        RunAsync("replace", async (store, token) =>
        {
            try
            {
                return (ulong?)await store.UpdateAsync(FlowName.ToKey(name), document, revision, Raw, token);
            }
            catch (NatsKVWrongLastRevisionException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// Deletes the flow (a delete marker: earlier revisions stay in the history), only at <paramref name="revision"/>
    /// when one is given. False when that revision is not the latest.
    /// </summary>
    public Task<bool> DeleteAsync(string name, ulong? revision, CancellationToken cancellationToken) =>
        RunAsync("delete", async (store, token) =>
        {
            try
            {
                await store.DeleteAsync(FlowName.ToKey(name), new NatsKVDeleteOpts { Revision = revision ?? 0 }, token);
                return true;
            }
            catch (NatsKVWrongLastRevisionException)
            {
                return false;
            }
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string operation, Func<INatsKVStore, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (nats.ConnectionState != NatsConnectionState.Open)
        {
            throw new FlowsUnavailableException(
                "The bridge is not connected to the NATS bus, where flows are kept. It reconnects by itself; try again in a moment.", 2);
        }
        if (nats.ServerInfo is { JetStreamAvailable: false })
        {
            throw new FlowsUnavailableException(
                "The NATS server runs without JetStream, so flows cannot be kept. Start nats-server with JetStream (-js, or jetstream {} in its config).", 10);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.FlowTimeout);
        for (var attempt = 1; ; attempt++)
        {
            var cached = _store;
            try
            {
                return await work(cached ?? await OpenAsync(timeout.Token), timeout.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the caller went away: nothing to answer
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException)
            {
                // Open the bucket again next time: the server may have lost it, or a cluster may have a new leader.
                _store = null;
                // The bucket is gone under the handle we had (a server that lost its store, a bucket deleted by hand):
                // nothing can have been written, so make it again and try once more.
                if (cached is not null && attempt == 1 && ex is NatsException && await IsGoneAsync(timeout.Token))
                {
                    LogRecreating(logger, Bucket, operation);
                    continue;
                }
                LogUnavailable(logger, ex, operation, ex.GetType().Name);
                throw new FlowsUnavailableException(
                    "JetStream did not store or read the flow (no JetStream leader, a timeout, or the bucket could not be created); it is logged. Try again in a moment.", 5);
            }
        }
    }

    private async Task<bool> IsGoneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await nats.CreateKeyValueStoreContext().GetStoreAsync(Bucket, cancellationToken);
            return false;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == StatusCodes.Status404NotFound)
        {
            return true;
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<INatsKVStore> OpenAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_store is { } open)
            {
                return open;
            }
            var config = new NatsKVConfig(Bucket)
            {
                Description = "GenieCanvas flows: one canvas document per key (DESIGN.md v2)",
                History = _options.FlowHistory,
                NumberOfReplicas = _options.FlowReplicas,
                // The document plus the KV headers (expected revision); documents themselves are capped at 512 KiB.
                MaxValueSize = FlowDocument.MaxBytes + 4096,
                Storage = NatsKVStorageType.File,
            };
            var store = await nats.CreateKeyValueStoreContext().CreateOrUpdateStoreAsync(config, cancellationToken);
            LogOpened(logger, Bucket, _options.FlowReplicas, _options.FlowHistory);
            return _store = store;
        }
        finally
        {
            _opening.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flows bucket {Bucket} ready ({Replicas} replica(s), {History} revisions kept per flow)")]
    private static partial void LogOpened(ILogger logger, string bucket, int replicas, int history);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flows bucket {Bucket} is gone (during {Operation}); making it again")]
    private static partial void LogRecreating(ILogger logger, string bucket, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flows {Operation} failed on JetStream ({ExceptionType}); answering 503 FLOWS_UNAVAILABLE")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string operation, string exceptionType);
}
