import type { AppEdge, AppNode } from '../nodes/types';

/** The ids of the typed handles: a Genie block's output, a Supervisor's input. */
export const GENIE_OUTPUT = 'genie-out';
export const SUPERVISOR_INPUT = 'agents-in';

/**
 * Why a connection may not be made (shown as the hint of a refused drop); null when it may. Only a Genie block's output
 * feeds a Supervisor, each space once; a Supervisor has no output; a block never connects to itself.
 */
export function connectionProblem(
  connection: { source: string; target: string },
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
): string | null {
  if (connection.source === connection.target) return 'A block cannot connect to itself.';
  const source = nodes.find((n) => n.id === connection.source);
  const target = nodes.find((n) => n.id === connection.target);
  if (!source || !target) return 'Connect two blocks of the canvas.';
  if (source.type === 'supervisor') return 'A Supervisor has no output: connect Genie blocks into its input instead.';
  if (target.type !== 'supervisor') return null;
  if (source.type !== 'genie') {
    return 'Only a Genie block can feed a Supervisor: drag from a Genie block’s output (its right edge) to the Supervisor’s input.';
  }
  const feeding = edges.filter((e) => e.target === target.id).map((e) => nodes.find((n) => n.id === e.source));
  if (feeding.some((n) => n?.id === source.id)) return 'This Genie block already feeds this Supervisor.';
  const spaceId = source.data.spaceId;
  if (spaceId && feeding.some((n) => n?.type === 'genie' && n.data.spaceId === spaceId)) {
    return `Genie space ${spaceId} already feeds this Supervisor through another block; a supervisor takes each space once.`;
  }
  return null;
}
