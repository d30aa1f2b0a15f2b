import type { Edge, Node } from '@xyflow/react';

/**
 * Node data is plain, serializable JSON: it is what the canvas saves and exports. Fetched space details live in the
 * TanStack Query cache, never here. `spaceId: null` means no space is chosen yet (no default was configured).
 * A new node type adds its data and node type here, then follows frontend/README.md "Adding a node type".
 */
export type GenieNodeData = {
  spaceId: string | null;
  /** The Genie conversation the block's questions continue (none: the next question starts one). */
  conversationId?: string;
  /** The questions asked and their answers, kept in the flow (rows capped, see nodes/conversation.ts). */
  conversation?: ConversationTurn[];
};

/** One question of a block's conversation and what came back: an answer (rows capped) or an error in words. */
export type ConversationTurn = {
  question: string;
  text?: string | null;
  followUp?: string | null;
  sql?: string | null;
  sqlTitle?: string | null;
  columns?: { name: string; type: string | null }[];
  rows?: (string | null)[][];
  rowCount?: number;
  suggested?: string[];
};
export type NoteNodeData = { text: string };

/** What a deploy left in Databricks, kept so the block can tell "Deployed" from "Changed since deploy". */
export interface SupervisorDeployment {
  /** The deploy request that went through completely (see supervisor/deploy.ts), or null after an incomplete one. */
  fingerprint: string | null;
  endpointName: string | null;
  tools: Array<{ tool_id: string; space_id: string | null; description: string | null }>;
}

/** A Multi-Agent Supervisor: its own fields, and once deployed its Databricks id (kept in the flow). */
export type SupervisorNodeData = {
  name: string;
  description: string;
  instructions: string;
  supervisorAgentId: string | null;
  deployment: SupervisorDeployment | null;
};

/** An edge into a Supervisor carries the description the supervisor routes on; absent = the space's own. */
export type AgentEdgeData = { description?: string };

export type GenieNode = Node<GenieNodeData, 'genie'>;
export type NoteNode = Node<NoteNodeData, 'note'>;
export type SupervisorNode = Node<SupervisorNodeData, 'supervisor'>;
export type AppNode = GenieNode | NoteNode | SupervisorNode;
export type AppEdge = Edge<AgentEdgeData>;

export type BlockType = AppNode['type'];
export type DataOf<T extends BlockType> = Extract<AppNode, { type: T }>['data'];
