import type { Viewport } from '@xyflow/react';
import type { AppEdge, AppNode } from '../nodes/types';
import { isBlockType, readBlock } from '../nodes/blocks';

/**
 * The one format of a canvas, wherever it is kept: localStorage, a flow on the server (/api/flows) and an exported
 * `.geniecanvas.json` file. Every reader goes through `readCanvasDocument`, so the three cannot drift.
 * v1 (localStorage `geniecanvas.canvas.v1`, before flows had names) is migrated on read.
 */
export const FORMAT = 'geniecanvas';
export const VERSION = 2;
/** The server's limit for a flow document; a file over it is refused before it is parsed. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;
export const FLOW_NAME_PATTERN = /^[A-Za-z0-9 _-]{1,64}$/;
export const FLOW_NAME_RULE = 'A flow name is 1–64 letters, digits, spaces, "_" or "-".';
const MIN_ZOOM = 0.2;
const MAX_ZOOM = 2;

export interface CanvasSnapshot {
  name: string;
  nodes: AppNode[];
  edges: AppEdge[];
  /** Where the user had panned and zoomed to; absent when never moved. */
  viewport?: Viewport;
}

export interface CanvasDocument {
  format: typeof FORMAT;
  version: typeof VERSION;
  name: string;
  nodes: Array<Pick<AppNode, 'id' | 'type' | 'position' | 'data'>>;
  edges: Array<Pick<AppEdge, 'id' | 'source' | 'target' | 'sourceHandle' | 'targetHandle' | 'data'>>;
  viewport?: Viewport;
}

export type ReadResult = { ok: true; snapshot: CanvasSnapshot; dropped: number } | { ok: false; error: string };

export const DEFAULT_FLOW_NAME = 'Untitled flow';

export function isValidFlowName(name: unknown): name is string {
  return typeof name === 'string' && FLOW_NAME_PATTERN.test(name);
}

/** What is kept of a canvas: ids, types, positions, node data and edges. Never fetched data, selection or sizes. */
export function toCanvasDocument(snapshot: CanvasSnapshot): CanvasDocument {
  const { viewport } = snapshot;
  return {
    format: FORMAT,
    version: VERSION,
    name: snapshot.name,
    ...(viewport ? { viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } } : {}),
    nodes: snapshot.nodes.map(({ id, type, position, data }) => ({ id, type, position: { x: position.x, y: position.y }, data })),
    edges: snapshot.edges.map(({ id, source, target, sourceHandle, targetHandle, data }) => ({
      id,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
      ...(targetHandle ? { targetHandle } : {}),
      ...(typeof data?.description === 'string' ? { data: { description: data.description } } : {}),
    })),
  };
}

/**
 * Reads a canvas from untrusted JSON (already parsed). Foreign or unknown shapes are refused with a sentence a person
 * understands. Entries that do not check out (unknown block type, bad position, an edge to a missing block, a
 * duplicate id, a self-connection) are dropped and counted: storage keeps what it can, an import refuses (`dropped`).
 */
export function readCanvasDocument(raw: unknown, fallbackName = DEFAULT_FLOW_NAME): ReadResult {
  if (!isRecord(raw)) return { ok: false, error: 'This is not a GenieCanvas file: it holds no canvas object.' };
  const v1 = raw.version === 1 && raw.format === undefined;
  if (!v1 && raw.format !== FORMAT) return { ok: false, error: 'This is not a GenieCanvas file (its "format" is not "geniecanvas").' };
  if (!v1 && raw.version !== VERSION) {
    return { ok: false, error: `This canvas is version ${String(raw.version)}; this page reads versions 1 and ${VERSION}.` };
  }
  if (!Array.isArray(raw.nodes)) return { ok: false, error: 'This canvas has no list of blocks ("nodes").' };
  if (raw.edges !== undefined && !Array.isArray(raw.edges)) return { ok: false, error: 'This canvas\'s "edges" is not a list.' };
  const name = v1 ? fallbackName : raw.name;
  if (!isValidFlowName(name)) return { ok: false, error: `This canvas's name is not valid. ${FLOW_NAME_RULE}` };

  let dropped = 0;
  const nodes: AppNode[] = [];
  const ids = new Set<string>();
  for (const entry of raw.nodes) {
    const node = readNode(entry);
    if (node && !ids.has(node.id)) {
      ids.add(node.id);
      nodes.push(node);
    } else dropped++;
  }
  const edges: AppEdge[] = [];
  const edgeIds = new Set<string>();
  for (const entry of (raw.edges ?? []) as unknown[]) {
    const edge = readEdge(entry, ids);
    if (edge && !edgeIds.has(edge.id)) {
      edgeIds.add(edge.id);
      edges.push(edge);
    } else dropped++;
  }
  const viewport = readViewport(raw.viewport);
  return { ok: true, dropped, snapshot: viewport ? { name, nodes, edges, viewport } : { name, nodes, edges } };
}

/** A file's text as an import: refused whole (nothing changes) when it is too big, not JSON, foreign or has bad entries. */
export function readCanvasFile(text: string): ReadResult {
  if (new TextEncoder().encode(text).length > MAX_DOCUMENT_BYTES) {
    return { ok: false, error: 'This file is over 512 KiB, the largest canvas GenieCanvas keeps.' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON, so it is not a GenieCanvas file.' };
  }
  const result = readCanvasDocument(parsed);
  if (result.ok && result.dropped > 0) {
    const entries = result.dropped === 1 ? '1 entry does' : `${result.dropped} entries do`;
    return { ok: false, error: `${entries} not check out (an unknown block type, a bad position or an edge to a missing block).` };
  }
  return result;
}

function readNode(raw: unknown): AppNode | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.id) || !isBlockType(raw.type)) return null;
  const position = raw.position;
  if (!isRecord(position) || !Number.isFinite(position.x) || !Number.isFinite(position.y)) return null;
  return readBlock(raw.id, raw.type, { x: position.x as number, y: position.y as number }, isRecord(raw.data) ? raw.data : {});
}

function readEdge(raw: unknown, nodeIds: ReadonlySet<string>): AppEdge | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.id) || !isNonEmptyString(raw.source) || !isNonEmptyString(raw.target)) {
    return null;
  }
  if (!nodeIds.has(raw.source) || !nodeIds.has(raw.target) || raw.source === raw.target) return null;
  const edge: AppEdge = { id: raw.id, source: raw.source, target: raw.target };
  if (isNonEmptyString(raw.sourceHandle)) edge.sourceHandle = raw.sourceHandle;
  if (isNonEmptyString(raw.targetHandle)) edge.targetHandle = raw.targetHandle;
  // The routing description of an edge into a Supervisor (at most 500 characters, as Databricks takes).
  if (isRecord(raw.data) && typeof raw.data.description === 'string') edge.data = { description: raw.data.description.slice(0, 500) };
  return edge;
}

function readViewport(raw: unknown): Viewport | null {
  if (!isRecord(raw) || !Number.isFinite(raw.x) || !Number.isFinite(raw.y) || !Number.isFinite(raw.zoom)) return null;
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, raw.zoom as number));
  return { x: raw.x as number, y: raw.y as number, zoom };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
