import type { AppEdge, AppNode, SupervisorDeployment, SupervisorNodeData } from '../nodes/types';
import { isValidSpaceId } from '../spaceId';

/** The limits of DESIGN.md v2 / GenieCanvas.Contracts.SupervisorRules, checked before anything is sent. */
export const MAX_NAME = 100;
export const MAX_DESCRIPTION = 1000;
export const MAX_INSTRUCTIONS = 10_000;
export const MAX_AGENTS = 20;
export const MAX_AGENT_DESCRIPTION = 500;

/** `POST /api/agents/supervisors/deploy`. */
export interface DeployRequest {
  supervisor_agent_id?: string;
  display_name: string;
  description: string;
  instructions: string;
  agents: Array<{ space_id: string; description: string }>;
}

/** One Genie block feeding the supervisor: the edge, the space, and the description the supervisor routes on. */
export interface AgentEntry {
  edgeId: string;
  nodeId: string;
  spaceId: string | null;
  description: string;
  /** True when the edge carries no description of its own (the space's is used). */
  defaulted: boolean;
}

/** The space's own description as the default routing description (cut to what Databricks takes). */
export function defaultDescription(spaceId: string | null, space?: { description?: string | null; display_name?: string; title?: string }): string {
  const text = space?.description?.trim() || (space?.display_name ?? space?.title ? `Answers questions about ${space.display_name ?? space.title}.` : '');
  return (text || `Answers questions about Genie space ${spaceId ?? ''}.`).slice(0, MAX_AGENT_DESCRIPTION);
}

/** The Genie blocks connected into supervisor `id`, in edge order. */
export function agentsOf(
  id: string,
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
  spaceDescription: (spaceId: string | null) => string,
): AgentEntry[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return edges.flatMap((edge) => {
    const source = byId.get(edge.source);
    if (edge.target !== id || source?.type !== 'genie') return [];
    const own = edge.data?.description;
    const defaulted = typeof own !== 'string';
    const spaceId = source.data.spaceId;
    return [{ edgeId: edge.id, nodeId: source.id, spaceId, description: defaulted ? spaceDescription(spaceId) : own, defaulted }];
  });
}

export function buildDeployRequest(data: SupervisorNodeData, agents: readonly AgentEntry[]): DeployRequest {
  return {
    ...(data.supervisorAgentId ? { supervisor_agent_id: data.supervisorAgentId } : {}),
    display_name: data.name.trim(),
    description: data.description,
    instructions: data.instructions,
    agents: agents.map((a) => ({ space_id: a.spaceId ?? '', description: a.description.trim() })),
  };
}

/** What a deploy asked for, independent of the id and of the order of the agents (Databricks matches by space). */
export function fingerprint(request: DeployRequest): string {
  const agents = [...request.agents].sort((a, b) => (a.space_id < b.space_id ? -1 : a.space_id > b.space_id ? 1 : 0));
  return JSON.stringify([request.display_name, request.description, request.instructions, agents]);
}

export type DeployState = 'new' | 'deployed' | 'changed' | 'incomplete';

/** "Deployed" while the block still asks for what the last complete deploy made; "Changed since deploy" otherwise. */
export function deployState(data: SupervisorNodeData, request: DeployRequest): DeployState {
  if (!data.supervisorAgentId || !data.deployment) return 'new';
  if (data.deployment.fingerprint === null) return 'incomplete';
  return data.deployment.fingerprint === fingerprint(request) ? 'deployed' : 'changed';
}

/** Why this request cannot be deployed, in the words of the block; null when it can. */
export function deployProblem(request: DeployRequest): string | null {
  if (!request.display_name) return 'Give the supervisor a name (unique in the workspace).';
  if (request.display_name.length > MAX_NAME) return `The name may have at most ${MAX_NAME} characters.`;
  if (request.description.length > MAX_DESCRIPTION) return `The description may have at most ${MAX_DESCRIPTION} characters.`;
  if (request.instructions.length > MAX_INSTRUCTIONS) return `The instructions may have at most ${MAX_INSTRUCTIONS} characters.`;
  if (request.agents.length === 0) return 'Connect at least one Genie block to the supervisor’s input.';
  if (request.agents.length > MAX_AGENTS) return `A supervisor takes at most ${MAX_AGENTS} Genie blocks.`;
  const seen = new Set<string>();
  for (const agent of request.agents) {
    if (!isValidSpaceId(agent.space_id)) return 'A connected Genie block has no space chosen yet.';
    if (seen.has(agent.space_id)) return `Genie space ${agent.space_id} is connected twice; connect each space once.`;
    seen.add(agent.space_id);
    if (!agent.description || agent.description.length > MAX_AGENT_DESCRIPTION) {
      return `Each connection needs a routing description of 1–${MAX_AGENT_DESCRIPTION} characters.`;
    }
  }
  return null;
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/** A Supervisor's data read from storage, a flow or a file: what does not check out is reset. */
export function readSupervisorData(raw: Record<string, unknown>): SupervisorNodeData {
  const id = typeof raw.supervisorAgentId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw.supervisorAgentId) ? raw.supervisorAgentId : null;
  return {
    name: text(raw.name, MAX_NAME),
    description: text(raw.description, MAX_DESCRIPTION),
    instructions: text(raw.instructions, MAX_INSTRUCTIONS),
    supervisorAgentId: id,
    deployment: id ? readDeployment(raw.deployment) : null,
  };
}

function readDeployment(raw: unknown): SupervisorDeployment | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const tools = Array.isArray(r.tools) ? r.tools : [];
  return {
    fingerprint: typeof r.fingerprint === 'string' ? r.fingerprint : null,
    endpointName: typeof r.endpointName === 'string' ? r.endpointName : null,
    tools: tools.flatMap((t) => {
      if (typeof t !== 'object' || t === null || typeof (t as { tool_id?: unknown }).tool_id !== 'string') return [];
      const tool = t as Record<string, unknown>;
      return [{
        tool_id: tool.tool_id as string,
        space_id: typeof tool.space_id === 'string' ? tool.space_id : null,
        description: typeof tool.description === 'string' ? tool.description : null,
      }];
    }),
  };
}
