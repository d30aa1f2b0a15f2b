import { send } from './client';
import type { DeployRequest } from '../supervisor/deploy';

/** A tool as the deploy and get replies list it. */
export interface SupervisorTool {
  tool_id: string;
  space_id?: string | null;
  description?: string | null;
  tool_type?: string;
}

/** One tool of a deploy's `sync` (DESIGN.md v2 + the sync member the responder adds). */
export interface ToolSync {
  tool_id: string;
  space_id?: string | null;
  description?: string | null;
  change: 'add' | 'update' | 'remove' | 'none';
  state: 'in_sync' | 'removed' | 'missing' | 'stale' | 'extra';
  error?: { code: string; message: string };
}

/** The reply of `POST /api/agents/supervisors/deploy` and `GET /api/agents/supervisors/{id}`. */
export interface SupervisorReply {
  supervisor_agent_id: string;
  display_name?: string;
  description?: string;
  instructions?: string;
  endpoint_name?: string | null;
  tools: SupervisorTool[];
  sync?: { complete: boolean; supervisor: 'created' | 'updated' | 'unchanged'; writes: number; tools: ToolSync[] };
}

/** Deploys; rejects with an ApiError (a 502 DEPLOY_INCOMPLETE carries the partial reply in its body's `deploy`). */
export async function deploySupervisor(request: DeployRequest, signal?: AbortSignal): Promise<SupervisorReply> {
  // The responder's budget is 8 s and the bridge waits 10 s; the default 15 s of the client is enough.
  return (await send<SupervisorReply>('/api/agents/supervisors/deploy', { method: 'POST', body: request, signal })).body;
}

export async function deleteSupervisor(id: string, signal?: AbortSignal): Promise<void> {
  await send<void>(`/api/agents/supervisors/${encodeURIComponent(id)}`, { method: 'DELETE', signal });
}

/** The partial reply of a DEPLOY_INCOMPLETE error, if the error carries one. */
export function incompleteDeploy(body: unknown): SupervisorReply | null {
  const deploy = typeof body === 'object' && body !== null ? (body as { deploy?: unknown }).deploy : undefined;
  return typeof deploy === 'object' && deploy !== null && typeof (deploy as SupervisorReply).supervisor_agent_id === 'string'
    ? (deploy as SupervisorReply)
    : null;
}
