import { create } from 'zustand';
import { temporal } from 'zundo';
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { AppEdge, AppNode, SupervisorNodeData } from '../nodes/types';
import { DEFAULT_FLOW_NAME, type CanvasSnapshot } from '../canvas/canvasDocument';
import { makeRoom, rectAround, type Rect } from '../canvas/placement';
import { blockDefinition } from '../nodes/blocks';

/** Undo keeps at least this many steps (Langflow keeps 100 too). */
export const HISTORY_LIMIT = 100;
/** How far a paste or duplicate lands from what it copied. */
export const PASTE_OFFSET = 40;

interface Clipboard {
  nodes: AppNode[];
  edges: AppEdge[];
  /** Pastes since the copy, so each lands one more offset away. */
  pastes: number;
}

/** The part of the state undo and redo restore. */
type History = Pick<CanvasState, 'nodes' | 'edges' | 'name'>;

export interface CanvasState {
  nodes: AppNode[];
  edges: AppEdge[];
  /** The flow's name: its key on the server and the exported file's name. */
  name: string;
  clipboard: Clipboard | null;

  onNodesChange: (changes: NodeChange<AppNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<AppEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  addNode: (node: AppNode) => void;
  updateNodeData: (id: string, data: Partial<AppNode['data']>) => void;
  /** The routing description of an edge into a Supervisor. */
  updateEdgeData: (id: string, data: AppEdge['data']) => void;
  deleteNodes: (ids: readonly string[]) => void;
  deleteSelection: () => void;
  copySelection: () => number;
  paste: () => AppNode[];
  duplicate: (ids?: readonly string[]) => AppNode[];
  clear: () => void;
  rename: (name: string) => void;
  /** Replaces the whole canvas (open a flow, import a file, reload theirs). Undoable like any other change. */
  replace: (snapshot: Omit<CanvasSnapshot, 'viewport'>) => void;
  /** A drag changes positions every frame: history records it once, as the position before the drag. */
  beginDrag: () => void;
  endDrag: () => void;
}

const selectedIds = (nodes: readonly AppNode[]) => nodes.filter((n) => n.selected).map((n) => n.id);

/** Nodes and the edges between them, copied with new ids, moved by `offset`, and selected (the old ones are not). */
function cloneWithNewIds(nodes: readonly AppNode[], edges: readonly AppEdge[], offset: number) {
  const ids = new Map(nodes.map((n) => [n.id, crypto.randomUUID()]));
  const copies = nodes.map(
    (n) =>
      ({
        id: ids.get(n.id)!,
        type: n.type,
        position: { x: n.position.x + offset, y: n.position.y + offset },
        data: structuredClone(n.data),
        selected: true,
      }) as AppNode,
  );
  const inner = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ ...stripEdge(e), id: crypto.randomUUID(), source: ids.get(e.source)!, target: ids.get(e.target)! }));
  return { nodes: copies, edges: inner };
}

function stripEdge({ id, source, target, sourceHandle, targetHandle, data }: AppEdge): AppEdge {
  return {
    id,
    source,
    target,
    ...(sourceHandle ? { sourceHandle } : {}),
    ...(targetHandle ? { targetHandle } : {}),
    ...(data ? { data: structuredClone(data) } : {}),
  };
}

/** Two states are the same step of history when what is saved is the same: selection, sizes and drags do not count. */
function sameHistory(a: History, b: History): boolean {
  if (a.name !== b.name || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const nodesSame = a.nodes.every((n, i) => {
    const m = b.nodes[i]!;
    return n.id === m.id && n.type === m.type && n.position.x === m.position.x && n.position.y === m.position.y && n.data === m.data;
  });
  return nodesSame && a.edges.every((e, i) => {
    const f = b.edges[i]!;
    return e.id === f.id && e.source === f.source && e.target === f.target && e.data === f.data;
  });
}

let dragStart: History | null = null;

export const useCanvasStore = create<CanvasState>()(
  temporal<CanvasState, [], [], History>(
    (set, get) => ({
      nodes: [],
      edges: [],
      name: DEFAULT_FLOW_NAME,
      clipboard: null,

      onNodesChange: (changes) => {
        const before = get().nodes;
        set((state) => {
          const nodes = applyNodeChanges(changes, state.nodes);
          // A removed block takes its edges along in the same step, so one undo brings both back.
          const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
          const edges = removed.size ? state.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) : state.edges;
          return { nodes, edges };
        });
        if (changes.some((c) => c.type === 'dimensions')) followResize(before);
      },
      onEdgesChange: (changes) => set((state) => ({ edges: applyEdgeChanges(changes, state.edges) })),
      onConnect: (connection) =>
        set((state) =>
          connection.source === connection.target
            ? state
            : { edges: addEdge({ ...connection, id: crypto.randomUUID() }, state.edges) },
        ),
      addNode: (node) => set((state) => ({ nodes: state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)).concat(node) })),
      updateNodeData: (id, data) =>
        set((state) => ({
          nodes: state.nodes.map((n) => (n.id === id ? ({ ...n, data: { ...n.data, ...data } } as AppNode) : n)),
        })),
      updateEdgeData: (id, data) =>
        set((state) => ({ edges: state.edges.map((e) => (e.id === id ? { ...e, data: { ...e.data, ...data } } : e)) })),
      deleteNodes: (ids) => {
        const gone = new Set(ids);
        set((state) => ({
          nodes: state.nodes.filter((n) => !gone.has(n.id)),
          edges: state.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        }));
      },
      deleteSelection: () => {
        const { nodes, edges } = get();
        const gone = new Set(selectedIds(nodes));
        set({
          nodes: nodes.filter((n) => !gone.has(n.id)),
          edges: edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target)),
        });
      },
      copySelection: () => {
        const { nodes, edges } = get();
        const chosen = nodes.filter((n) => n.selected);
        if (chosen.length === 0) return 0;
        const ids = new Set(chosen.map((n) => n.id));
        const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        set({ clipboard: { nodes: structuredClone(chosen.map(({ id, type, position, data }) => ({ id, type, position, data }) as AppNode)), edges: inner.map(stripEdge), pastes: 0 } });
        return chosen.length;
      },
      paste: () => {
        const { clipboard } = get();
        if (!clipboard) return [];
        const pastes = clipboard.pastes + 1;
        const copies = cloneWithNewIds(clipboard.nodes, clipboard.edges, PASTE_OFFSET * pastes);
        set((state) => ({
          clipboard: { ...clipboard, pastes },
          nodes: state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)).concat(copies.nodes),
          edges: state.edges.concat(copies.edges),
        }));
        return copies.nodes;
      },
      duplicate: (ids) => {
        const { nodes, edges } = get();
        const chosenIds = new Set(ids ?? selectedIds(nodes));
        const chosen = nodes.filter((n) => chosenIds.has(n.id));
        if (chosen.length === 0) return [];
        const copies = cloneWithNewIds(chosen, edges, PASTE_OFFSET);
        set({
          nodes: nodes.map((n) => (n.selected ? { ...n, selected: false } : n)).concat(copies.nodes),
          edges: edges.concat(copies.edges),
        });
        return copies.nodes;
      },
      clear: () => set({ nodes: [], edges: [] }),
      rename: (name) => set({ name }),
      replace: ({ name, nodes, edges }) => set({ name, nodes, edges }),
      beginDrag: () => {
        dragStart = historyOf(get());
        useCanvasStore.temporal.getState().pause();
      },
      endDrag: () => {
        const temporalStore = useCanvasStore.temporal;
        temporalStore.getState().resume();
        const before = dragStart;
        dragStart = null;
        if (!before || sameHistory(before, historyOf(get()))) return;
        const { pastStates } = temporalStore.getState();
        temporalStore.setState({ pastStates: [...pastStates, before].slice(-HISTORY_LIMIT), futureStates: [] });
      },
    }),
    {
      limit: HISTORY_LIMIT,
      partialize: historyOf,
      equality: sameHistory,
    },
  ),
);

/**
 * After blocks changed size. A block already drawn in full that grows or shrinks (an answer arrived, a list or the SQL
 * was opened, a note resized) keeps its top edge where it is, so its header does not move under the user. And when it
 * grew past the size its type keeps free, the blocks it would now cover move just clear of it. A block drawn for the
 * first time, or loading into the size kept free for it (a flow opened, a space arriving), moves nothing.
 * These moves are layout, not a step of history: they belong to the change that resized the block (an answer is
 * one step: its undo takes the answer and the moves back together).
 */
function followResize(before: readonly AppNode[]): void {
  const previous = new Map(before.map((n) => [n.id, n]));
  const rects = new Map<string, Rect>();
  const grown = new Map<string, Rect>();
  const anchored = new Map<string, XYPosition>();
  for (const node of useCanvasStore.getState().nodes) {
    const size = node.measured;
    // A block being dragged is where the pointer holds it.
    if (!size?.width || !size.height || node.dragging) continue;
    let position = node.position;
    const old = previous.get(node.id);
    const oldSize = old?.measured;
    if (old && oldSize?.width && oldSize.height) {
      const kept = blockDefinition(node.type).size;
      const drawnInFull = (height: number) => height >= kept.height * FULL_SIZE;
      if (size.height !== oldSize.height && drawnInFull(oldSize.height) && drawnInFull(size.height) && samePlace(old.position, node.position)) {
        // nodeOrigin is the block's centre: the same top edge means the centre moves by half the change.
        position = { x: node.position.x, y: node.position.y + (size.height - oldSize.height) / 2 };
        anchored.set(node.id, position);
      }
      const was = { width: Math.max(oldSize.width, kept.width), height: Math.max(oldSize.height, kept.height) };
      if (size.width > was.width || size.height > was.height) grown.set(node.id, rectAround(old.position, was));
    }
    rects.set(node.id, rectAround(position, { width: size.width, height: size.height }));
  }
  const moved = grown.size ? makeRoom(rects, grown) : new Map<string, Rect>();
  if (!anchored.size && !moved.size) return;
  const history = useCanvasStore.temporal.getState();
  const tracking = history.isTracking;
  if (tracking) history.pause();
  useCanvasStore.setState((state) => ({
    nodes: state.nodes.map((n) => {
      const rect = moved.get(n.id);
      if (rect) return { ...n, position: { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } };
      const position = anchored.get(n.id);
      return position ? { ...n, position } : n;
    }),
  }));
  if (tracking) history.resume();
}

/** A block at least this share of its kept height is drawn in full (not "Loading space…" or an error). */
const FULL_SIZE = 0.75;

const samePlace = (a: XYPosition, b: XYPosition) => a.x === b.x && a.y === b.y;

function historyOf(state: Pick<CanvasState, 'nodes' | 'edges' | 'name'>): History {
  return {
    // Selection is not history: an undo never re-selects what was selected back then.
    nodes: state.nodes.map((n) => (n.selected || n.dragging ? ({ ...n, selected: false, dragging: false } as AppNode) : n)),
    edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
    name: state.name,
  };
}

export const undo = (steps = 1) => useCanvasStore.temporal.getState().undo(steps);
export const redo = (steps = 1) => useCanvasStore.temporal.getState().redo(steps);

/**
 * Writes what Databricks now holds for a Supervisor (its id, the deployment) into the present and into every step of
 * history, and is not a step itself: an undo must never bring back a state without the id of a supervisor that exists.
 */
export function keepDeployment(nodeId: string, data: Partial<SupervisorNodeData>): void {
  const patch = (nodes: AppNode[]) =>
    nodes.map((n) => (n.id === nodeId && n.type === 'supervisor' ? ({ ...n, data: { ...n.data, ...data } } as AppNode) : n));
  const history = useCanvasStore.temporal;
  history.getState().pause();
  useCanvasStore.setState((state) => ({ nodes: patch(state.nodes) }));
  history.getState().resume();
  const { pastStates, futureStates } = history.getState();
  history.setState({
    pastStates: pastStates.map((s) => (s.nodes ? { ...s, nodes: patch(s.nodes) } : s)),
    futureStates: futureStates.map((s) => (s.nodes ? { ...s, nodes: patch(s.nodes) } : s)),
  });
}

/** Loads a canvas as the starting point: nothing to undo before it. */
export function resetCanvas(snapshot: Omit<CanvasSnapshot, 'viewport'>): void {
  useCanvasStore.getState().replace(snapshot);
  useCanvasStore.temporal.getState().clear();
}

