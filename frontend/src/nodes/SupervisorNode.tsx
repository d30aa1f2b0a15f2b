import { memo, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useMutation, useQueries } from '@tanstack/react-query';
import { ApiError } from '../api/ApiError';
import { spaceQuery } from '../api/queries';
import { deleteSupervisor, deploySupervisor, incompleteDeploy, type SupervisorReply } from '../api/supervisors';
import { Spinner } from '../components/Spinner';
import { keepDeployment, useCanvasStore } from '../store/canvasStore';
import { SUPERVISOR_INPUT } from '../supervisor/connections';
import {
  MAX_AGENT_DESCRIPTION,
  MAX_DESCRIPTION,
  MAX_INSTRUCTIONS,
  MAX_NAME,
  agentsOf,
  buildDeployRequest,
  defaultDescription,
  deployProblem,
  deployState,
  fingerprint,
  type DeployRequest,
} from '../supervisor/deploy';
import { describeDeployError } from '../supervisor/deployErrors';
import { BLOCK_DEFINITIONS } from './blocks';
import { BlockToolbar } from './BlockToolbar';
import type { SupervisorNode as SupervisorNodeType } from './types';
import styles from './SupervisorNode.module.css';

const STATE_LABELS = { new: 'Not deployed', deployed: 'Deployed', changed: 'Changed since deploy', incomplete: 'Deploy incomplete' } as const;

function deploymentOf(reply: SupervisorReply, request: DeployRequest | null) {
  return {
    fingerprint: request ? fingerprint(request) : null,
    endpointName: reply.endpoint_name ?? null,
    tools: reply.tools.map((t) => ({ tool_id: t.tool_id, space_id: t.space_id ?? null, description: t.description ?? null })),
  };
}

/** A Multi-Agent Supervisor: Genie blocks connect into it; Deploy creates or updates it on Databricks. */
function SupervisorNodeComponent({ id, data, selected }: NodeProps<SupervisorNodeType>) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  const updateEdgeData = useCanvasStore((s) => s.updateEdgeData);
  const nodes = useCanvasStore((s) => s.nodes);
  const edges = useCanvasStore((s) => s.edges);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // The connected spaces from the query cache: their titles, and their descriptions as the default routing.
  const sources = agentsOf(id, nodes, edges, () => '');
  const spaces = useQueries({
    queries: sources.map((a) => ({ ...spaceQuery(a.spaceId ?? ''), enabled: a.spaceId !== null })),
  });
  const spaceOf = (spaceId: string | null) => spaces[sources.findIndex((a) => a.spaceId === spaceId)]?.data;
  const agents = agentsOf(id, nodes, edges, (spaceId) => defaultDescription(spaceId, spaceOf(spaceId)));
  const request = buildDeployRequest(data, agents);
  const state = deployState(data, request);
  const problem = deployProblem(request);

  const deploy = useMutation({
    mutationFn: (body: DeployRequest) => deploySupervisor(body),
    onSuccess: (reply, body) => keepDeployment(id, { supervisorAgentId: reply.supervisor_agent_id, deployment: deploymentOf(reply, body) }),
    onError: (error) => {
      const partial = error instanceof ApiError ? incompleteDeploy(error.body) : null;
      if (partial) keepDeployment(id, { supervisorAgentId: partial.supervisor_agent_id, deployment: deploymentOf(partial, null) });
    },
  });
  const remove = useMutation({
    mutationFn: (supervisorId: string) => deleteSupervisor(supervisorId),
    onSuccess: () => {
      keepDeployment(id, { supervisorAgentId: null, deployment: null });
      setConfirmDelete(false);
      deploy.reset();
    },
  });
  const busy = deploy.isPending || remove.isPending;
  const error = deploy.error ?? remove.error;
  const failure = error ? describeDeployError(error) : null;
  const partial = error instanceof ApiError ? incompleteDeploy(error.body) : null;
  const supervisorGone = deploy.error instanceof ApiError && deploy.error.code === 'NOT_FOUND' && /supervisor/i.test(deploy.error.detail ?? '');
  const name = BLOCK_DEFINITIONS.supervisor.name(data);

  return (
    <article className={`${styles.node} ${selected ? styles.selected : ''}`} data-testid="supervisor-node" aria-label={name} aria-busy={busy}>
      <BlockToolbar id={id} label={name} />
      <Handle type="target" position={Position.Left} id={SUPERVISOR_INPUT} className={styles.input} title="Connect Genie blocks here" />
      <header className={styles.header}>
        <span className={styles.kind}>
          <span className={styles.glyph} aria-hidden="true">⌘</span>
          Supervisor
        </span>
        <span className={`${styles.state} ${styles[state]}`} data-testid="supervisor-state" data-state={state}>
          {STATE_LABELS[state]}
        </span>
      </header>
      <div className={styles.body}>
        <label className={styles.field}>
          <span>Name</span>
          <input
            className="nodrag"
            value={data.name}
            maxLength={MAX_NAME}
            placeholder="Unique in the workspace"
            onChange={(e) => updateNodeData(id, { name: e.target.value })}
          />
        </label>
        <label className={styles.field}>
          <span>Description</span>
          <textarea className="nodrag nowheel" rows={2} value={data.description} maxLength={MAX_DESCRIPTION} onChange={(e) => updateNodeData(id, { description: e.target.value })} />
        </label>
        <label className={styles.field}>
          <span>Instructions</span>
          <textarea className="nodrag nowheel" rows={2} value={data.instructions} maxLength={MAX_INSTRUCTIONS} onChange={(e) => updateNodeData(id, { instructions: e.target.value })} />
        </label>

        <h3 className={styles.subheading}>Agents ({agents.length})</h3>
        {agents.length === 0 && <p className={styles.hint}>Connect Genie blocks to the input on the left.</p>}
        <ul className={styles.agents}>
          {agents.map((agent) => {
            const space = spaceOf(agent.spaceId);
            const title = space?.display_name ?? space?.title ?? agent.spaceId ?? 'no space chosen';
            return (
              <li key={agent.edgeId} data-testid="supervisor-agent" data-space-id={agent.spaceId ?? ''}>
                <label className={styles.field}>
                  <span className={styles.agentTitle}>{title}</span>
                  <textarea
                    className="nodrag nowheel"
                    rows={2}
                    aria-label={`Routing description for ${title}`}
                    maxLength={MAX_AGENT_DESCRIPTION}
                    value={agent.description}
                    onChange={(e) => updateEdgeData(agent.edgeId, { description: e.target.value })}
                  />
                </label>
              </li>
            );
          })}
        </ul>

        <div className={styles.actions}>
          <button
            type="button"
            className="btn btn-primary btn-small nodrag"
            data-testid="supervisor-deploy"
            disabled={busy || problem !== null}
            title={problem ?? undefined}
            onClick={() => deploy.mutate(request)}
          >
            {data.supervisorAgentId ? 'Redeploy' : 'Deploy'}
          </button>
          {data.supervisorAgentId && !confirmDelete && (
            <button type="button" className="btn btn-small btn-danger-outline nodrag" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Delete from Databricks…
            </button>
          )}
        </div>
        {problem && !busy && <p className={styles.hint}>{problem}</p>}
        {confirmDelete && data.supervisorAgentId && (
          <div className={styles.confirm} role="group" aria-label="Confirm delete">
            <p>Delete supervisor “{data.name}” and its serving endpoint from Databricks? The block stays on the canvas.</p>
            <button type="button" className="btn btn-small btn-danger nodrag" disabled={busy} onClick={() => remove.mutate(data.supervisorAgentId!)}>
              Delete it
            </button>
            <button type="button" className="btn btn-small btn-ghost nodrag" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        )}
        {busy && (
          <p className={styles.progress} role="status">
            <Spinner /> {deploy.isPending ? 'Deploying to Databricks…' : 'Deleting from Databricks…'}
          </p>
        )}
        {failure && !busy && (
          <div className={styles.error} role="alert" data-testid="supervisor-error" data-code={error instanceof ApiError ? error.code : ''}>
            <strong>{failure.title}</strong>
            <p>{failure.message}</p>
            {partial?.sync && (
              <ul>
                {partial.sync.tools.filter((t) => t.error).map((t) => (
                  <li key={t.tool_id}>
                    {t.space_id ?? t.tool_id}: {t.state} ({t.error!.message})
                  </li>
                ))}
              </ul>
            )}
            {supervisorGone && (
              <button type="button" className="btn btn-small nodrag" onClick={() => { keepDeployment(id, { supervisorAgentId: null, deployment: null }); deploy.reset(); }}>
                Forget it and deploy as new
              </button>
            )}
          </div>
        )}
        {data.deployment && data.supervisorAgentId && (
          <section className={styles.result} aria-label="Deployed supervisor">
            <p>
              Endpoint <code data-testid="supervisor-endpoint">{data.deployment.endpointName ?? '—'}</code>
            </p>
            <ul className={styles.tools}>
              {data.deployment.tools.map((t) => (
                <li key={t.tool_id} data-testid="supervisor-tool" data-space-id={t.space_id ?? ''} title={t.description ?? undefined}>
                  <code>{t.tool_id}</code> {t.description}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </article>
  );
}

export const SupervisorNode = memo(SupervisorNodeComponent);
