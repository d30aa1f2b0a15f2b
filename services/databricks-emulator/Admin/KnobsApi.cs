using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GenieCanvas.DatabricksEmulator.Auth;
using GenieCanvas.DatabricksEmulator.Faults;

namespace GenieCanvas.DatabricksEmulator.Admin;

/// <summary>
/// The run-time knobs of the admin API: settings (Genie step time, data-rooms on/off), Genie message faults and
/// OAuth token revocation. Bad input gets 400 ProblemDetails (code INVALID_FAULT, as the fault API) and changes nothing.
/// </summary>
public static class KnobsApi
{
    public static RouteGroupBuilder MapAdminKnobs(this RouteGroupBuilder admin)
    {
        admin.MapGet("/settings", (RuntimeSettings settings) =>
            TypedResults.Json(settings.Snapshot(), EmulatorJsonContext.Relaxed.SettingsReply));
        admin.MapPatch("/settings", async (HttpRequest request, RuntimeSettings settings, ILoggerFactory loggers) =>
        {
            var (body, problem) = await ReadAsync(request, EmulatorJsonContext.Relaxed.SettingsRequest);
            if ((problem ?? body!.Problem()) is { } detail)
            {
                return Invalid(detail);
            }
            settings.Apply(body!);
            var now = settings.Snapshot();
            loggers.CreateLogger(typeof(KnobsApi)).LogInformation(
                "Settings: Genie step {StepMs} ms, data-rooms {DataRooms}", now.GenieStepMs, now.DataRoomsEnabled ? "on" : "off");
            return TypedResults.Json(now, EmulatorJsonContext.Relaxed.SettingsReply);
        });

        admin.MapPost("/genie/faults", async (HttpRequest request, MessageFaults faults, ILoggerFactory loggers) =>
        {
            var (body, problem) = await ReadAsync(request, EmulatorJsonContext.Relaxed.MessageFaultRequest);
            if ((problem ?? MessageFaults.Problem(body!)) is { } detail)
            {
                return Invalid(detail);
            }
            var fault = faults.Add(body!);
            loggers.CreateLogger(typeof(KnobsApi)).LogInformation(
                "Message fault {FaultId} added: status {Status}, step {StepMs} ms, space {SpaceId}, times {Times}",
                fault.Id, fault.Status, fault.StepMs, fault.SpaceId, fault.Times);
            return TypedResults.Json(fault, EmulatorJsonContext.Relaxed.MessageFault, statusCode: StatusCodes.Status201Created);
        });
        admin.MapGet("/genie/faults", (MessageFaults faults) =>
            TypedResults.Json(faults.Faults, EmulatorJsonContext.Relaxed.IReadOnlyListMessageFault));
        admin.MapDelete("/genie/faults", (MessageFaults faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });

        admin.MapPost("/tokens/revoke", async (HttpRequest request, TokenStore tokens, ILoggerFactory loggers) =>
        {
            RevokeRequest body = new();
            if (request.ContentLength is not 0 && request.HasJsonContentType())
            {
                var (read, problem) = await ReadAsync(request, EmulatorJsonContext.Relaxed.RevokeRequest);
                if (problem is not null)
                {
                    return Invalid(problem);
                }
                body = read!;
            }
            var revoked = tokens.Revoke(body.Token);
            // The count only: a token is a secret, even a revoked one.
            loggers.CreateLogger(typeof(KnobsApi)).LogInformation("Revoked {Count} OAuth token(s)", revoked);
            return TypedResults.Json(new RevokeReply(revoked), EmulatorJsonContext.Relaxed.RevokeReply);
        });
        return admin;
    }

    private static async Task<(T? Body, string? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
            return body is null ? (null, "The body must be a JSON object.") : (body, null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON of the expected shape: {e.Message}");
        }
    }

    private static IResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid admin request",
            extensions: new Dictionary<string, object?> { ["code"] = "INVALID_FAULT" });
}
