import type { XYPosition } from '@xyflow/react';
import { isValidSpaceId } from '../spaceId';
import type { AppNode, BlockType, DataOf } from './types';
import { readConversation } from './conversation';
import { readSupervisorData } from '../supervisor/deploy';

export const MAX_NOTE_LENGTH = 10_000;

/** What the rest of the canvas needs to know about a block type, without drawing it (nodeTypes.ts draws). */
interface BlockDefinition<T extends BlockType> {
  type: T;
  label: string;
  hint: string;
  glyph: string;
  /** The size a block takes once loaded, so a new one is placed where it fits before it has been measured. */
  size: { width: number; height: number };
  /** The data of a new block; `defaultSpaceId` is the server's default, resolved at drop time. */
  create(context: { defaultSpaceId: string | null }): DataOf<T>;
  /** The data read back from storage, a flow or a file: what does not check out is reset, never trusted. */
  read(raw: Record<string, unknown>): DataOf<T>;
  /** The block's accessible name, from its content ("Genie block: Sales Analytics"). */
  name(data: DataOf<T>, title?: string): string;
}

type Definitions = { [T in BlockType]: BlockDefinition<T> };

/** Every block type, in palette order. Adding a type is one entry here plus its component in nodeTypes.ts. */
export const BLOCK_DEFINITIONS: Definitions = {
  genie: {
    type: 'genie',
    label: 'Genie',
    hint: 'A Databricks Genie space',
    glyph: '✦',
    size: { width: 320, height: 740 }, // loaded, with the ask panel
    create: ({ defaultSpaceId }) => ({ spaceId: isValidSpaceId(defaultSpaceId) ? defaultSpaceId : null }),
    read: (raw) => ({
      spaceId: isValidSpaceId(raw.spaceId) ? raw.spaceId : null,
      ...(isValidSpaceId(raw.conversationId) ? { conversationId: raw.conversationId } : {}),
      ...(readConversation(raw.conversation) ? { conversation: readConversation(raw.conversation) } : {}),
    }),
    name: (data, title) => `Genie block: ${title ?? data.spaceId ?? 'no space chosen'}`,
  },
  note: {
    type: 'note',
    label: 'Note',
    hint: 'Free text for the flow',
    glyph: '✎',
    size: { width: 240, height: 150 },
    create: () => ({ text: '' }),
    read: (raw) => ({ text: typeof raw.text === 'string' ? raw.text.slice(0, MAX_NOTE_LENGTH) : '' }),
    name: (data) => `Note block${data.text.trim() ? `: ${data.text.trim().slice(0, 60)}` : ''}`,
  },
  supervisor: {
    type: 'supervisor',
    label: 'Supervisor',
    hint: 'A Multi-Agent Supervisor routing to Genie blocks',
    glyph: '⌘',
    size: { width: 340, height: 520 },
    create: () => ({ name: '', description: '', instructions: '', supervisorAgentId: null, deployment: null }),
    read: readSupervisorData,
    name: (data) => `Supervisor block${data.name.trim() ? `: ${data.name.trim()}` : ''}`,
  },
};

export const BLOCKS = Object.values(BLOCK_DEFINITIONS) as ReadonlyArray<Definitions[BlockType]>;

export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && Object.hasOwn(BLOCK_DEFINITIONS, value);
}

export function blockDefinition<T extends BlockType>(type: T): BlockDefinition<T> {
  return BLOCK_DEFINITIONS[type] as BlockDefinition<T>;
}

/** A node of the given type read from untrusted data (storage, server, file). */
export function readBlock(id: string, type: BlockType, position: XYPosition, data: Record<string, unknown>): AppNode {
  return { id, type, position, data: blockDefinition(type).read(data) } as AppNode;
}

/** A new block of the given type centred at `position` (nodeOrigin is [0.5, 0.5] on the canvas). */
export function createBlock(type: BlockType, position: XYPosition, defaultSpaceId: string | null = null): AppNode {
  return { id: crypto.randomUUID(), type, position, data: blockDefinition(type).create({ defaultSpaceId }) } as AppNode;
}

/** The dataTransfer key the palette writes and the canvas reads (the xyflow DragNDrop convention). */
export const DRAG_MIME = 'application/reactflow';
