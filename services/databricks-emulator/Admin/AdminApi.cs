using System.Text.Json;
using GenieCanvas.DatabricksEmulator.Calls;
using GenieCanvas.DatabricksEmulator.Faults;
using GenieCanvas.DatabricksEmulator.Fixture;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.DatabricksEmulator.Admin;

/// <summary>
/// The test-control API under /_emulator (no auth: the emulator binds to loopback and holds no real data).
/// Not a Databricks path: its requests are neither counted nor faulted.
/// </summary>
public static class AdminApi
{
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/_emulator").WithTags("Emulator admin");
        admin.MapGet("/health", (SpaceCatalog catalog) =>
            TypedResults.Json(new HealthReply("ok", "databricks-emulator", catalog.Count), EmulatorJsonContext.Relaxed.HealthReply));
        admin.MapPost("/faults", AddFaultAsync).WithName("AddFault");
        admin.MapGet("/faults", (FaultInjector faults) =>
            TypedResults.Json(faults.Faults, EmulatorJsonContext.Relaxed.IReadOnlyListFault));
        admin.MapDelete("/faults", (FaultInjector faults, ILoggerFactory loggers) =>
        {
            faults.Clear();
            loggers.CreateLogger(typeof(AdminApi)).LogInformation("Faults cleared");
            return TypedResults.NoContent();
        });
        admin.MapGet("/calls", (CallCounter counter) =>
            TypedResults.Json(counter.Snapshot(), EmulatorJsonContext.Relaxed.CallsReply));
        admin.MapPost("/reset", (FaultInjector faults, CallCounter counter, MessageFaults messageFaults, RuntimeSettings settings, ILoggerFactory loggers) =>
        {
            faults.Clear();
            messageFaults.Clear();
            counter.Reset();
            settings.Reset();
            loggers.CreateLogger(typeof(AdminApi)).LogInformation("Faults, message faults, call counts and settings reset");
            return TypedResults.NoContent();
        });
        admin.MapAdminKnobs();
        return app;
    }

    private static async Task<Results<JsonHttpResult<Fault>, ProblemHttpResult>> AddFaultAsync(
        HttpRequest request, FaultInjector faults, ILoggerFactory loggers)
    {
        FaultRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, EmulatorJsonContext.Relaxed.FaultRequest, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            // JsonException's message names the offending member and position, and holds no secret.
            return Invalid($"The fault is not valid JSON of the expected shape: {e.Message}");
        }
        if (body is null)
        {
            return Invalid("The body must be a JSON object such as {\"status\": 503, \"times\": 2}.");
        }
        if (FaultValidator.Problem(body) is { } problem)
        {
            return Invalid(problem);
        }
        var fault = faults.Add(body);
        loggers.CreateLogger(typeof(AdminApi)).LogInformation(
            "Fault {FaultId} added: status {Status}, delay {DelayMs} ms, space {SpaceId}, path prefix {PathPrefix}, times {Times}",
            fault.Id, fault.Status, fault.DelayMs, fault.SpaceId, fault.PathPrefix, fault.Times);
        return TypedResults.Json(fault, EmulatorJsonContext.Relaxed.Fault, statusCode: StatusCodes.Status201Created);
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid fault",
            extensions: new Dictionary<string, object?> { ["code"] = "INVALID_FAULT" });
}
