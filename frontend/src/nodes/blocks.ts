import type { NodeOrigin, XYPosition } from '@xyflow/react';
import type { AppNode, BlockType } from './types';

/** The blocks the palette offers, in palette order. nodeTypes.tsx maps each to its component. */
export const BLOCKS: ReadonlyArray<{ type: BlockType; label: string; hint: string }> = [
  { type: 'genie', label: 'Genie', hint: 'A Databricks Genie space' },
  { type: 'note', label: 'Note', hint: 'Free text for the flow' },
];

export const BLOCK_TYPES: ReadonlySet<string> = new Set(BLOCKS.map((block) => block.type));

export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && BLOCK_TYPES.has(value);
}

/**
 * A Genie block grows a lot once its space arrives. Anchored at its top centre (instead of the canvas-wide
 * nodeOrigin [0.5, 0.5]) it grows downwards, so its header stays where it was dropped instead of jumping up.
 */
export const GENIE_ORIGIN: NodeOrigin = [0.5, 0];

/** A new block of the given type at `position` (the drop point, or the canvas centre for the keyboard). */
export function createBlock(type: BlockType, position: XYPosition): AppNode {
  const id = crypto.randomUUID();
  switch (type) {
    case 'genie':
      return { id, type, position, origin: GENIE_ORIGIN, data: { spaceId: null } };
    case 'note':
      return { id, type, position, data: { text: '' } };
  }
}

/** The dataTransfer key the palette writes and the canvas reads (the xyflow DragNDrop convention). */
export const DRAG_MIME = 'application/reactflow';
