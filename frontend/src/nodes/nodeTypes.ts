import type { NodeTypes } from '@xyflow/react';
import type { BlockType } from './types';
import { GenieNode } from './GenieNode';
import { NoteNode } from './NoteNode';
import { SupervisorNode } from './SupervisorNode';

/** Hoisted: React Flow must get the same object on every render. Keys are the block types the palette offers. */
export const nodeTypes = {
  genie: GenieNode,
  note: NoteNode,
  supervisor: SupervisorNode,
} satisfies Record<BlockType, NodeTypes[string]>;
