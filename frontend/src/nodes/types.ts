import type { Edge, Node } from '@xyflow/react';

/**
 * Node data is plain, serializable JSON: it is what the canvas saves. Fetched space details live in hook state.
 * `spaceId: null` means "the server's default space": resolved from /api/config when the block first renders.
 */
export type GenieNodeData = { spaceId: string | null };
export type NoteNodeData = { text: string };

export type GenieNode = Node<GenieNodeData, 'genie'>;
export type NoteNode = Node<NoteNodeData, 'note'>;
export type AppNode = GenieNode | NoteNode;
export type AppEdge = Edge;

export type BlockType = AppNode['type'];
