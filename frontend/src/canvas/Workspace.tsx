import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeOrigin,
} from '@xyflow/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useShallow } from 'zustand/react/shallow';
import { configQuery } from '../api/queries';
import { Palette } from '../components/Palette';
import { SpacePickerProvider } from '../components/SpacePickerContext';
import { DRAG_MIME, blockDefinition, createBlock, isBlockType } from '../nodes/blocks';
import { nodeTypes } from '../nodes/nodeTypes';
import type { AppEdge, AppNode, BlockType } from '../nodes/types';
import { resetCanvas, useCanvasStore } from '../store/canvasStore';
import { connectionProblem } from '../supervisor/connections';
import { useFlowSession } from '../flows/flowSession';
import { useResolvedTheme } from '../theme/themeStore';
import { loadLocalCanvas, saveLocalCanvas } from './localCanvas';
import { findFreeSpot, panToShow, rectAround, type Rect } from './placement';
import { useDebouncedSave } from './useDebouncedSave';
import { useShortcuts } from './useShortcuts';
import { CanvasToolbar } from './CanvasToolbar';
import { ShortcutsDialog } from './ShortcutsDialog';
import { importCanvasFile } from './exportImport';
import { CANVAS_ID } from './focusCanvas';
import styles from './Workspace.module.css';

// Hoisted so React Flow sees the same values on every render.
const nodeOrigin: NodeOrigin = [0.5, 0.5];
const defaultEdgeOptions = { type: 'smoothstep', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } } as const;
const fitViewOptions = { maxZoom: 1, padding: 0.2 } as const;
/** Smaller than React Flow's 200×150, so it covers less of a block near the corner. */
const miniMapStyle = { width: 168, height: 112 } as const;
const deleteKeyCode = null; // Delete and Backspace are useShortcuts', so a delete is one undo step
/** How long a new block is kept in view while it loads and grows. */
const KEEP_IN_VIEW_MS = 10_000;
/** Room around a block kept in view; above it, its toolbar. */
const VIEW_MARGIN = 56;

/** Typed connections (supervisor/connections.ts): read from the store, so the rule sees the canvas as it is now. */
const isValidConnection = (connection: Connection | Edge) => {
  const { nodes, edges } = useCanvasStore.getState();
  return connectionProblem(connection, nodes, edges) === null;
};

function onDragOver(event: DragEvent) {
  event.preventDefault();
  event.dataTransfer.dropEffect = event.dataTransfer.types.includes('Files') ? 'copy' : 'move';
}

/** The canvas as it was left in this browser (v1 migrated), loaded once as the starting point. */
function loadInitial() {
  const local = loadLocalCanvas();
  if (local) {
    resetCanvas(local.snapshot);
    useFlowSession.getState().set({ revision: local.revision, flowName: local.revision ? local.snapshot.name : null });
  }
  return local;
}

/** Palette + canvas: the xyflow DragNDrop pattern on the one canvas store, with placement, shortcuts and files. */
export function Workspace() {
  const [initial] = useState(loadInitial);
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode, beginDrag, endDrag } = useCanvasStore(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
      onConnect: s.onConnect,
      addNode: s.addNode,
      beginDrag: s.beginDrag,
      endDrag: s.endDrag,
    })),
  );
  const colorMode = useResolvedTheme();
  const flow = useReactFlow<AppNode, AppEdge>();
  const queryClient = useQueryClient();
  const { data: config } = useQuery(configQuery); // asked at start, so a drop knows the default space at once
  const canvas = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [notice, setNotice] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const [help, setHelp] = useState(false);
  /** The block just added, kept in view while it loads and grows (only the latest: two could pull the view apart). */
  const keepInView = useRef<{ id: string; until: number; shown?: string } | null>(null);

  // Each announcement differs from the last (a trailing no-break space every other time), so a repeat is read too.
  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text: a.n % 2 ? text : `${text}\u00a0`, n: a.n + 1 })), []);

  // The working copy in this browser: written 300 ms after the last change, or at once when the page goes away.
  const saveLocal = useCallback(() => {
    const { name, nodes: n, edges: e } = useCanvasStore.getState();
    saveLocalCanvas({ name, nodes: n, edges: e, viewport: flow.getViewport() }, useFlowSession.getState().revision);
  }, [flow]);
  const { schedule: scheduleSave } = useDebouncedSave(saveLocal);
  useEffect(() => useCanvasStore.subscribe((state, previous) => {
    if (state.nodes !== previous.nodes || state.edges !== previous.edges || state.name !== previous.name) scheduleSave();
  }), [scheduleSave]);
  // The revision kept beside it follows each server save, so a reload (or a second tab) resumes from the right one.
  useEffect(() => useFlowSession.subscribe((state, previous) => {
    if (state.revision !== previous.revision) scheduleSave();
  }), [scheduleSave]);

  // A v1 canvas kept "the server's default" as null: fill it in once the default is known (not an undo step).
  useEffect(() => {
    const defaultSpaceId = config?.defaultSpaceId;
    if (!defaultSpaceId) return;
    const unset = useCanvasStore.getState().nodes.filter((n) => n.type === 'genie' && n.data.spaceId === null);
    if (unset.length === 0) return;
    const history = useCanvasStore.temporal.getState();
    history.pause();
    for (const node of unset) useCanvasStore.getState().updateNodeData(node.id, { spaceId: defaultSpaceId });
    history.resume();
  }, [config]);

  /** Where each block is, in flow units: measured when drawn, else the size its type declares. */
  const takenRects = useCallback((): Rect[] => {
    return useCanvasStore.getState().nodes.map((n) => {
      const internal = flow.getInternalNode(n.id);
      const width = internal?.measured.width;
      const height = internal?.measured.height;
      const size = blockDefinition(n.type).size;
      // A block still loading is smaller than it will be: keep at least its loaded size free.
      if (internal && width && height) {
        return { ...internal.internals.positionAbsolute, width: Math.max(width, size.width), height: Math.max(height, size.height) };
      }
      return rectAround(n.position, size);
    });
  }, [flow]);

  const visibleRect = useCallback((): Rect | null => {
    const box = canvas.current?.getBoundingClientRect();
    if (!box) return null;
    const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  }, [flow]);

  /** Adds a block centred at `wanted` (flow units), or the nearest free spot: never on top of another block. */
  const add = useCallback(
    async (type: BlockType, wanted: { x: number; y: number }) => {
      // The default space is resolved now, at drop time (already cached: /api/config was asked at start).
      const defaultSpaceId =
        type === 'genie' ? ((await queryClient.ensureQueryData(configQuery).catch(() => null))?.defaultSpaceId ?? null) : null;
      const spot = findFreeSpot(wanted, blockDefinition(type).size, takenRects());
      const node = { ...createBlock(type, spot, defaultSpaceId), selected: true } as AppNode;
      addNode(node);
      keepInView.current = { id: node.id, until: Date.now() + KEEP_IN_VIEW_MS };
      announce(`${blockDefinition(type).label} block added to the canvas.`);
    },
    [addNode, announce, queryClient, takenRects],
  );

  // Once a new block is drawn, and again each time it changes size (its space arrived), pan so all of it is in view.
  useEffect(() => {
    const tracked = keepInView.current;
    if (!tracked) return;
    const internal = flow.getInternalNode(tracked.id);
    if (!internal || tracked.until < Date.now()) {
      keepInView.current = null;
      return;
    }
    const { width, height } = internal.measured;
    const view = visibleRect();
    if (!width || !height || !view) return;
    const rect = { ...internal.internals.positionAbsolute, width, height };
    // Only when the block grew: any other change (a click selecting it, the user dragging it, a neighbour making it
    // move out of the way) must not move the view under the pointer, or the button pressed is no longer there when
    // the mouse comes up.
    const shown = `${width},${height}`;
    if (tracked.shown === shown) return;
    tracked.shown = shown;
    if (width > view.width - 2 * VIEW_MARGIN || height > view.height - 2 * VIEW_MARGIN) {
      // Taller or wider than the view at this zoom (a Genie block with its ask panel on a small window): zoom out to it.
      void flow.fitBounds(rect, { padding: 0.15, duration: 200 });
      return;
    }
    const { dx, dy } = panToShow(rect, view, VIEW_MARGIN);
    if (dx || dy) {
      const viewport = flow.getViewport();
      void flow.setViewport({ x: viewport.x - dx * viewport.zoom, y: viewport.y - dy * viewport.zoom, zoom: viewport.zoom }, { duration: 200 });
    }
  }, [nodes, flow, visibleRect]);

  const importFile = useCallback(
    async (file: File) => {
      const result = await importCanvasFile(file);
      if (!result.ok) {
        setNotice({ text: result.error, tone: 'error' });
        return;
      }
      const { snapshot } = result;
      useCanvasStore.getState().replace(snapshot);
      if (snapshot.viewport) void flow.setViewport(snapshot.viewport);
      else void flow.fitView(fitViewOptions);
      const blocks = snapshot.nodes.length === 1 ? '1 block' : `${snapshot.nodes.length} blocks`;
      setNotice({ text: `Imported “${snapshot.name}” (${blocks}). Ctrl+Z undoes the import.`, tone: 'info' });
      announce(`Imported ${snapshot.name}.`);
    },
    [announce, flow],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const file = event.dataTransfer.files?.[0];
      if (file) {
        void importFile(file);
        return;
      }
      const type = event.dataTransfer.getData(DRAG_MIME);
      if (!isBlockType(type)) return; // not one of ours (text, another app's node)
      void add(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [add, flow, importFile],
  );

  const addFromKeyboard = useCallback(
    (type: BlockType) => {
      const view = visibleRect();
      if (view) void add(type, { x: view.x + view.width / 2, y: view.y + view.height / 2 });
    },
    [add, visibleRect],
  );

  // A drop that isValidConnection refused: say why, where the user is looking.
  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
    if (connection.isValid || !connection.fromNode || !connection.toNode) return;
    const { nodes: n, edges: e } = useCanvasStore.getState();
    const [source, target] = connection.fromHandle?.type === 'target' ? [connection.toNode, connection.fromNode] : [connection.fromNode, connection.toNode];
    const problem = connectionProblem({ source: source.id, target: target.id }, n, e);
    if (problem) {
      setNotice({ text: problem, tone: 'error' });
      announce(problem);
    }
  }, [announce]);

  const onPasted = useCallback((count: number) => announce(`Pasted ${count === 1 ? '1 block' : `${count} blocks`}.`), [announce]);
  const openHelp = useCallback(() => setHelp(true), []);
  useShortcuts({ announce, onHelp: openHelp, onPasted });

  return (
    <SpacePickerProvider>
      <div className={styles.workspace}>
        <Palette onAdd={addFromKeyboard} />
        <main className={styles.canvas} ref={canvas} id={CANVAS_ID} tabIndex={-1} aria-label="Canvas" data-testid="canvas">
          <h2 className="visually-hidden">Canvas</h2>
          <ReactFlow<AppNode, AppEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onConnectEnd={onConnectEnd}
            onNodeDragStart={beginDrag}
            onNodeDragStop={endDrag}
            onSelectionDragStart={beginDrag}
            onSelectionDragStop={endDrag}
            onMoveStart={(event) => {
              if (event) keepInView.current = null; // the user pans: leave the view to them
            }}
            onMoveEnd={scheduleSave}
            onDrop={onDrop}
            onDragOver={onDragOver}
            nodeOrigin={nodeOrigin}
            defaultEdgeOptions={defaultEdgeOptions}
            deleteKeyCode={deleteKeyCode}
            defaultViewport={initial?.snapshot.viewport}
            fitView={!initial?.snapshot.viewport && (initial?.snapshot.nodes.length ?? 0) > 0}
            fitViewOptions={fitViewOptions}
            colorMode={colorMode}
            minZoom={0.2}
            maxZoom={2}
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--canvas-dots)" />
            <Controls position="bottom-left" />
            <MiniMap position="bottom-right" pannable zoomable ariaLabel="Canvas overview" style={miniMapStyle} />
            <Panel position="top-right">
              <CanvasToolbar onImport={importFile} onHelp={openHelp} announce={announce} viewport={flow.getViewport} />
            </Panel>
            {notice && (
              <Panel position="top-center">
                <div className={`${styles.notice} ${notice.tone === 'error' ? styles.noticeError : ''}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="canvas-notice">
                  <span>{notice.text}</span>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setNotice(null)} aria-label="Dismiss">
                    ×
                  </button>
                </div>
              </Panel>
            )}
            {nodes.length === 0 && (
              <Panel position="top-center" className={styles.emptyPanel}>
                <div className={styles.empty}>
                  <p className={styles.emptyTitle}>Your canvas is empty</p>
                  <p>Drag a Genie block here to load a Databricks Genie space, add a note, or drop a .geniecanvas.json file.</p>
                </div>
              </Panel>
            )}
          </ReactFlow>
          <div className="visually-hidden" aria-live="polite" data-testid="announcer">
            {announcement.text}
          </div>
        </main>
      </div>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </SpacePickerProvider>
  );
}
