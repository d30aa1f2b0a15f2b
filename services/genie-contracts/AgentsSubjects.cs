namespace GenieCanvas.Contracts;

/// <summary>NATS names of the <c>agents</c> micro service (DESIGN.md v2): Multi-Agent Supervisors.</summary>
public static class AgentsSubjects
{
    public const string ServiceName = "agents";
    public const string DeployEndpoint = "supervisor-deploy";
    public const string GetEndpoint = "supervisor-get";
    public const string DeleteEndpoint = "supervisor-delete";
    public const string Deploy = "agents.supervisor.deploy";
    public const string Get = "agents.supervisor.get";
    public const string Delete = "agents.supervisor.delete";
}
