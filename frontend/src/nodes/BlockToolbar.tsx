import { NodeToolbar, Position } from '@xyflow/react';
import { useCanvasStore } from '../store/canvasStore';
import { focusCanvas } from '../canvas/focusCanvas';

/** The toolbar over a selected block (React Flow's NodeToolbar): delete and duplicate, also as Delete and Ctrl+D. */
export function BlockToolbar({ id, label }: { id: string; label: string }) {
  const deleteNodes = useCanvasStore((s) => s.deleteNodes);
  const duplicate = useCanvasStore((s) => s.duplicate);
  return (
    <NodeToolbar position={Position.Top} offset={8} className="block-toolbar" aria-label={`${label} actions`}>
      <button type="button" className="btn btn-small" onClick={() => duplicate([id])} title="Duplicate (Ctrl+D)">
        Duplicate
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-outline"
        title="Delete (Delete or Backspace)"
        onClick={() => {
          deleteNodes([id]);
          focusCanvas();
        }}
      >
        Delete
      </button>
    </NodeToolbar>
  );
}
