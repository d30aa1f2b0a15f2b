using System.Text.Json;
using GenieCanvas.Bridge.Bus;
using GenieCanvas.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenieCanvas.Bridge.Api;

/// <summary>
/// /api/agents/supervisors (DESIGN.md v2): deploy, read back and delete a Multi-Agent Supervisor. Each route validates
/// with the contract's <see cref="SupervisorRules"/> (400 before the bus) and forwards with <see cref="BusForwarder"/>.
/// </summary>
public static class AgentsApi
{
    /// <summary>A deploy may carry 20 agents with 500-character descriptions and 10,000 characters of instructions.</summary>
    public const long MaxDeployBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agents/supervisors");
        api.MapPost("/deploy", DeploySupervisor);
        api.MapGet("/{id}", GetSupervisor);
        api.MapDelete("/{id}", DeleteSupervisor);
        return app;
    }

    /// <summary>POST /api/agents/supervisors/deploy → agents.supervisor.deploy</summary>
    public static async Task<Results<BusReplyResult, ProblemHttpResult>> DeploySupervisor(HttpContext http, BusForwarder bus)
    {
        if (!http.Request.HasJsonContentType())
        {
            return GenieProblems.InvalidRequest(http, "POST /api/agents/supervisors/deploy needs Content-Type: application/json.");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDeployBodyBytes;
        }
        DeploySupervisorRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(GenieJsonContext.Default.DeploySupervisorRequest, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return GenieProblems.Create(http, StatusCodes.Status413PayloadTooLarge, GenieErrorCodes.InvalidRequest,
                $"The request body is larger than {MaxDeployBodyBytes} bytes.");
        }
        catch (JsonException)
        {
            return GenieProblems.InvalidRequest(http,
                "The body must be a JSON object {\"display_name\", \"description\", \"instructions\", \"agents\": [{\"space_id\", \"description\"}]}.");
        }
        if (request is null)
        {
            return GenieProblems.InvalidRequest(http, "The body must be a JSON object, not null.");
        }
        return SupervisorRules.TryValidate(request, out var problem)
            ? await bus.ForwardAsync(AgentsSubjects.Deploy, request, GenieJsonContext.Default.DeploySupervisorRequest, http)
            : GenieProblems.InvalidRequest(http, problem);
    }

    /// <summary>GET /api/agents/supervisors/{id} → agents.supervisor.get</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> GetSupervisor(string id, HttpContext http, BusForwarder bus) =>
        SupervisorRules.TryValidateId(id, out var problem)
            ? bus.ForwardAsync(AgentsSubjects.Get, new SupervisorIdRequest(id), GenieJsonContext.Default.SupervisorIdRequest, http)
            : Task.FromResult<Results<BusReplyResult, ProblemHttpResult>>(GenieProblems.InvalidRequest(http, problem));

    /// <summary>DELETE /api/agents/supervisors/{id} → agents.supervisor.delete; 204 once Databricks has deleted it.</summary>
    public static Task<Results<BusReplyResult, ProblemHttpResult>> DeleteSupervisor(string id, HttpContext http, BusForwarder bus) =>
        SupervisorRules.TryValidateId(id, out var problem)
            ? bus.ForwardAsync(AgentsSubjects.Delete, new SupervisorIdRequest(id), GenieJsonContext.Default.SupervisorIdRequest, http, StatusCodes.Status204NoContent)
            : Task.FromResult<Results<BusReplyResult, ProblemHttpResult>>(GenieProblems.InvalidRequest(http, problem));
}
