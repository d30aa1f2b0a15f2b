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
        if (!SupervisorTools.TryReadId(request, out var id, out var invalid))
        {
            return invalid!;
        }

        await supervisors.DeleteAsync(id, request.Deadline);
        return Outcome.Ok("{}"u8.ToArray());
    }
}
