import type { Viewport } from '@xyflow/react';
import type { AppEdge, AppNode } from '../nodes/types';
import { GENIE_ORIGIN, isBlockType } from '../nodes/blocks';
import { isValidSpaceId } from '../spaceId';

/** Versioned, so a future shape can be told apart (and an old one ignored) instead of half-read. */
export const STORAGE_KEY = 'geniecanvas.canvas.v1';
const VERSION = 1;
const MAX_NOTE_LENGTH = 10_000;
const MIN_ZOOM = 0.2;
const MAX_ZOOM = 2;

export interface CanvasSnapshot {
  nodes: AppNode[];
  edges: AppEdge[];
  /** Where the user had panned and zoomed to; absent when never moved. */
  viewport?: Viewport;
}

/**
 * Saves what the user built: nodes (id, type, position, chosen space id or note text) and edges.
 * The origin is not saved: it follows from the type (see blocks.ts).
 * Never fetched data, selection or sizes. Storage that is full or disabled is ignored: the canvas still works.
 */
export function saveCanvas(
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
  viewport?: Viewport | null,
  storage: Storage = localStorage,
): void {
  const snapshot = {
    version: VERSION,
    ...(viewport ? { viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } } : {}),
    nodes: nodes.map(({ id, type, position, data }) => ({ id, type, position: { x: position.x, y: position.y }, data })),
    edges: edges.map(({ id, source, target, sourceHandle, targetHandle }) => ({
      id,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
      ...(targetHandle ? { targetHandle } : {}),
    })),
  };
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(snapshot));
  } catch {
    // Quota exceeded or storage disabled: persistence is a convenience, not a reason to break the page.
  }
}

/** The saved canvas, or null when there is none or it cannot be read. Entries that do not check out are dropped. */
export function loadCanvas(storage: Storage = localStorage): CanvasSnapshot | null {
  let parsed: unknown;
  try {
    const text = storage.getItem(STORAGE_KEY);
    if (text === null) return null;
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.version !== VERSION || !Array.isArray(parsed.nodes)) return null;

  const nodes: AppNode[] = [];
  const ids = new Set<string>();
  for (const raw of parsed.nodes) {
    const node = readNode(raw);
    if (node && !ids.has(node.id)) {
      ids.add(node.id);
      nodes.push(node);
    }
  }
  const edges: AppEdge[] = [];
  const edgeIds = new Set<string>();
  for (const raw of Array.isArray(parsed.edges) ? parsed.edges : []) {
    const edge = readEdge(raw, ids);
    if (edge && !edgeIds.has(edge.id)) {
      edgeIds.add(edge.id);
      edges.push(edge);
    }
  }
  const viewport = readViewport(parsed.viewport);
  return viewport ? { nodes, edges, viewport } : { nodes, edges };
}

export function clearCanvas(storage: Storage = localStorage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing saved can be left behind in storage that cannot be used.
  }
}

function readNode(raw: unknown): AppNode | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.id) || !isBlockType(raw.type)) return null;
  const position = raw.position;
  if (!isRecord(position) || !Number.isFinite(position.x) || !Number.isFinite(position.y)) return null;
  const xy = { x: position.x as number, y: position.y as number };
  const data = isRecord(raw.data) ? raw.data : {};
  switch (raw.type) {
    case 'genie': {
      const spaceId = isValidSpaceId(data.spaceId) ? data.spaceId : null;
      return { id: raw.id, type: 'genie', position: xy, origin: GENIE_ORIGIN, data: { spaceId } };
    }
    case 'note': {
      const text = typeof data.text === 'string' ? data.text.slice(0, MAX_NOTE_LENGTH) : '';
      return { id: raw.id, type: 'note', position: xy, data: { text } };
    }
  }
}

function readViewport(raw: unknown): Viewport | null {
  if (!isRecord(raw) || !Number.isFinite(raw.x) || !Number.isFinite(raw.y) || !Number.isFinite(raw.zoom)) return null;
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, raw.zoom as number));
  return { x: raw.x as number, y: raw.y as number, zoom };
}

function readEdge(raw: unknown, nodeIds: ReadonlySet<string>): AppEdge | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.id) || !isNonEmptyString(raw.source) || !isNonEmptyString(raw.target)) {
    return null;
  }
  if (!nodeIds.has(raw.source) || !nodeIds.has(raw.target)) return null;
  const edge: AppEdge = { id: raw.id, source: raw.source, target: raw.target };
  if (isNonEmptyString(raw.sourceHandle)) edge.sourceHandle = raw.sourceHandle;
  if (isNonEmptyString(raw.targetHandle)) edge.targetHandle = raw.targetHandle;
  return edge;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
