using System.Text;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>genie.get</c>: <c>{"space_id"}</c> (or the id as a JSON string or plain text) → the space of
/// <c>GET /api/2.0/data-rooms/{id}</c>, normalized. Identical concurrent gets share one Databricks call.
/// A workspace without data-rooms (404 ENDPOINT_NOT_FOUND, 410, 501) is read through the public
/// <c>GET /api/2.0/genie/spaces/{id}</c> instead, mapped to the same shape (<see cref="PublicSpaceMapper"/>).
/// </summary>
public sealed class GetSpace(DatabricksClient databricks, ResponderTelemetry telemetry, ILogger<GetSpace> logger) : IBusOperation
{
    private const string Example = "{\"space_id\": \"<id>\"}";

    private readonly SingleFlight<Outcome> _calls = new(telemetry.SharedCall);

    // A responder serves one workspace (DATABRICKS_HOST), so this is "remembered per workspace": once data-rooms is
    // missing there, every later get goes to the public API straight away (for the life of the process).
    private volatile bool _publicApiOnly;

    public BusEndpoint Endpoint { get; } = new(GenieSubjects.ServiceName, GenieSubjects.GetEndpoint, GenieSubjects.Get);

    public Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!TryReadSpaceId(request.Body.Span, out var spaceId, out var problem) || !SpaceId.TryValidate(spaceId, out problem))
        {
            return Task.FromResult(Outcome.Invalid(problem));
        }
        var id = spaceId!;
        request.Describe(DatabricksClient.Space(id), "space " + id);

        // The shared call runs on the deadline of the request that started it; one that joins stops waiting at its own.
        return _calls.RunAsync(id, request.Cancellation, async () =>
        {
            if (!_publicApiOnly)
            {
                var (room, status) = await databricks.TryGetDataRoomAsync(id, request.Deadline);
                if (room is not null)
                {
                    return Outcome.Ok(SpaceNormalizer.Normalize(room, id), status);
                }
                UsePublicApi(status);
            }
            return await GetPublicAsync(id, request.Deadline);
        });
    }

    private void UsePublicApi(int status)
    {
        if (_publicApiOnly)
        {
            return;
        }
        _publicApiOnly = true;
        logger.LogWarning(
            "This workspace has no data-rooms API (HTTP {UpstreamStatus}); genie.get reads the public GET /api/2.0/genie/spaces/{{id}} from now on",
            status);
    }

    /// <summary>
    /// The public GenieSpace with its serialized_space (for the tables) when the identity may read it: a 403 with
    /// include_serialized_space=true is asked again without it, and the reply then has no table_identifiers.
    /// </summary>
    private async Task<Outcome> GetPublicAsync(string id, RequestDeadline deadline)
    {
        JsonObject space;
        int status;
        try
        {
            (space, status) = await databricks.GetPublicSpaceAsync(id, includeSerialized: true, deadline);
        }
        catch (OutcomeException e) when (e.Outcome.UpstreamStatus == 403)
        {
            (space, status) = await databricks.GetPublicSpaceAsync(id, includeSerialized: false, deadline);
        }
        return Outcome.Ok(PublicSpaceMapper.ToGetShape(space, null, id), status);
    }

    /// <summary>The body as the contract allows it: a JSON object, a JSON string, or the id as plain text.</summary>
    private static bool TryReadSpaceId(ReadOnlySpan<byte> body, out string? spaceId, out string problem)
    {
        spaceId = null;
        var trimmed = body.Trim(" \t\r\n"u8);
        switch (trimmed.IsEmpty ? (byte)0 : trimmed[0])
        {
            case 0:
                problem = "The request body is empty; send {\"space_id\": \"<id>\"} or the id as plain text.";
                return false;
            case (byte)'[':
                problem = "The request body is a JSON array; send a JSON object {\"space_id\": \"<id>\"}.";
                return false;
            case (byte)'{':
                if (!BusJson.TryRead(trimmed, GenieJsonContext.Default.GetSpaceRequest, Example, out var request, out problem))
                {
                    return false;
                }
                spaceId = request!.SpaceId;
                return true;
            case (byte)'"':
                return BusJson.TryRead(trimmed, GenieJsonContext.Default.String, Example, out spaceId, out problem);
            default:
                if (!System.Text.Unicode.Utf8.IsValid(trimmed))
                {
                    problem = BusJson.InvalidUtf8;
                    return false;
                }
                spaceId = Encoding.UTF8.GetString(trimmed);
                problem = string.Empty;
                return true;
        }
    }
}
