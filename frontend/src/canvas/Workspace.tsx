import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  addEdge,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type NodeOrigin,
} from '@xyflow/react';
import { Palette } from '../components/Palette';
import { SpacePickerProvider } from '../components/SpacePickerContext';
import { DRAG_MIME, createBlock, BLOCKS } from '../nodes/blocks';
import { isDrawableType, nodeTypes } from '../nodes/nodeTypes';
import type { AppEdge, AppNode, BlockType } from '../nodes/types';
import { clearCanvas, loadCanvas, saveCanvas } from './persistence';
import { ClearCanvasButton } from './ClearCanvasButton';
import { useDebouncedSave } from './useDebouncedSave';
import styles from './Workspace.module.css';

// Hoisted so React Flow sees the same values on every render.
const nodeOrigin: NodeOrigin = [0.5, 0.5];
const defaultEdgeOptions = { type: 'smoothstep' } as const;
const fitViewOptions = { maxZoom: 1, padding: 0.2 } as const;

function onDragOver(event: DragEvent) {
  event.preventDefault();
  event.dataTransfer.dropEffect = 'move';
}

/** Palette + canvas: the xyflow DragNDrop pattern, with persistence and a keyboard path. */
export function Workspace() {
  const saved = useMemo(() => loadCanvas(), []);
  // A restored canvas opens where the user left it; without a saved viewport it is fitted once. Never refit later:
  // that would move blocks away from where they were dropped.
  const fitRestored = !saved?.viewport && (saved?.nodes.length ?? 0) > 0;
  const [nodes, setNodes, onNodesChange] = useNodesState<AppNode>(saved?.nodes ?? []);
  const [edges, setEdges, onEdgesChange] = useEdgesState<AppEdge>(saved?.edges ?? []);
  const { screenToFlowPosition, getViewport } = useReactFlow<AppNode, AppEdge>();
  const canvas = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');

  // Saved with the viewport, so a reload shows the canvas exactly as it was left. Debounced: a drag changes the
  // nodes every frame; the save runs once it settles, or at once when the page goes away.
  const save = useCallback(() => saveCanvas(nodes, edges, getViewport()), [nodes, edges, getViewport]);
  const { schedule: scheduleSave, cancel: cancelSave } = useDebouncedSave(save);
  useEffect(() => scheduleSave(), [nodes, edges, scheduleSave]);

  const add = useCallback(
    (type: BlockType, screen: { x: number; y: number }) => {
      const node = createBlock(type, screenToFlowPosition(screen));
      setNodes((nds) => nds.concat(node));
      const label = BLOCKS.find((block) => block.type === type)?.label ?? type;
      setAnnouncement(`${label} block added to the canvas.`);
    },
    [screenToFlowPosition, setNodes],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(DRAG_MIME);
      if (!isDrawableType(type)) return; // not one of ours (a file, text, another app's node)
      add(type, { x: event.clientX, y: event.clientY });
    },
    [add],
  );

  const addAtCentre = useCallback(
    (type: BlockType) => {
      const rect = canvas.current?.getBoundingClientRect();
      if (!rect) return;
      // Centred horizontally. A Genie block hangs from its top edge and grows downwards, so it starts high enough
      // to stay in view. Each further block lands a little lower-right, so several keyboard adds stay visible.
      const step = (nodes.length % 5) * 48;
      const y = type === 'genie' ? rect.top + rect.height * 0.15 : rect.top + rect.height / 2;
      add(type, { x: rect.left + rect.width / 2 + step, y: y + step });
    },
    [add, nodes.length],
  );

  const onConnect = useCallback((connection: Connection) => setEdges((eds) => addEdge(connection, eds)), [setEdges]);

  const onClear = useCallback(() => {
    cancelSave();
    setNodes([]);
    setEdges([]);
    clearCanvas();
    setAnnouncement('Canvas cleared.');
  }, [cancelSave, setNodes, setEdges]);

  return (
    <SpacePickerProvider>
      <div className={styles.workspace}>
        <Palette onAdd={addAtCentre} />
        <main className={styles.canvas} ref={canvas} aria-label="Canvas" data-testid="canvas">
          <ReactFlow<AppNode, AppEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onDrop={onDrop}
            onDragOver={onDragOver}
            nodeOrigin={nodeOrigin}
            defaultEdgeOptions={defaultEdgeOptions}
            onMoveEnd={scheduleSave}
            defaultViewport={saved?.viewport}
            fitView={fitRestored}
            fitViewOptions={fitViewOptions}
            minZoom={0.2}
            maxZoom={2}
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--canvas-dots)" />
            <Controls position="bottom-left" />
            <MiniMap position="bottom-right" pannable zoomable ariaLabel="Canvas overview" />
            <Panel position="top-right">
              <ClearCanvasButton disabled={nodes.length === 0 && edges.length === 0} onClear={onClear} />
            </Panel>
            {nodes.length === 0 && (
              <Panel position="top-center" className={styles.emptyPanel}>
                <div className={styles.empty}>
                  <p className={styles.emptyTitle}>Your canvas is empty</p>
                  <p>Drag a Genie block here to load a Databricks Genie space, or add a note.</p>
                </div>
              </Panel>
            )}
          </ReactFlow>
          <div className="visually-hidden" aria-live="polite">
            {announcement}
          </div>
        </main>
      </div>
    </SpacePickerProvider>
  );
}
