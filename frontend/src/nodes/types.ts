import type { Edge, Node } from '@xyflow/react';

/**
 * Node data is plain, serializable JSON: it is what the canvas saves and exports. Fetched space details live in the
 * TanStack Query cache, never here. `spaceId: null` means no space is chosen yet (no default was configured).
 * A new node type adds its data and node type here, then follows frontend/README.md "Adding a node type".
 */
export type GenieNodeData = { spaceId: string | null };
export type NoteNodeData = { text: string };

export type GenieNode = Node<GenieNodeData, 'genie'>;
export type NoteNode = Node<NoteNodeData, 'note'>;
export type AppNode = GenieNode | NoteNode;
export type AppEdge = Edge;

export type BlockType = AppNode['type'];
export type DataOf<T extends BlockType> = Extract<AppNode, { type: T }>['data'];
