using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary><c>agents.supervisor.get</c>: <c>{"supervisor_agent_id"}</c> → the supervisor and its tools, read back from Databricks.</summary>
public sealed class GetSupervisor(SupervisorAgentsClient supervisors) : IBusOperation
{
    public BusEndpoint Endpoint { get; } = new(AgentsSubjects.ServiceName, AgentsSubjects.GetEndpoint, AgentsSubjects.Get);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!SupervisorTools.TryReadId(request, out var id, out var invalid))
        {
            return invalid!;
        }

        var supervisor = await supervisors.GetAsync(id, request.Deadline);
        var tools = await supervisors.ListToolsAsync(id, request.Deadline);
        var reply = SupervisorTools.Reply(supervisor, id, tools.Select(RemoteTool.From));
        return Outcome.Ok(JsonSerializer.SerializeToUtf8Bytes(reply, GenieJsonContext.Default.SupervisorReply));
    }
}
