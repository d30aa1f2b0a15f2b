using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary><c>agents.supervisor.delete</c>: <c>{"supervisor_agent_id"}</c> → <c>{}</c> once Databricks has deleted it (404 NOT_FOUND if it is not there).</summary>
public sealed class DeleteSupervisor(SupervisorAgentsClient supervisors) : IBusOperation
{
    public BusEndpoint Endpoint { get; } = new(AgentsSubjects.ServiceName, AgentsSubjects.DeleteEndpoint, AgentsSubjects.Delete);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.SupervisorIdRequest, "{\"supervisor_agent_id\": \"<id>\"}", out var input, out var problem)
            || !SupervisorRules.TryValidateId(input!.SupervisorAgentId, out problem))
        {
            return Outcome.Invalid(problem);
        }
        var id = input.SupervisorAgentId!;
        request.Describe(SupervisorAgentsClient.Supervisor(id), "supervisor " + id);

        await supervisors.DeleteAsync(id, request.Deadline);
        return Outcome.Ok("{}"u8.ToArray());
    }
}
