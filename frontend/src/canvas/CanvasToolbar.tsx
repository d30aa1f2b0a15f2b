import { useRef } from 'react';
import { useStore } from 'zustand';
import type { Viewport } from '@xyflow/react';
import { redo, undo, useCanvasStore } from '../store/canvasStore';
import { exportCanvas, FILE_SUFFIX } from './exportImport';
import { focusCanvas } from './focusCanvas';
import styles from './Workspace.module.css';

interface Props {
  onImport: (file: File) => void;
  onHelp: () => void;
  announce: (text: string) => void;
  viewport: () => Viewport;
}

/** Top right of the canvas: undo, redo, clear (undoable), export, import, and the shortcuts panel. */
export function CanvasToolbar({ onImport, onHelp, announce, viewport }: Props) {
  const canUndo = useStore(useCanvasStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useCanvasStore.temporal, (s) => s.futureStates.length > 0);
  const empty = useCanvasStore((s) => s.nodes.length === 0 && s.edges.length === 0);
  const clear = useCanvasStore((s) => s.clear);
  const picker = useRef<HTMLInputElement>(null);

  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Canvas">
      <button type="button" className="btn btn-small" disabled={!canUndo} onClick={() => undo()} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="btn btn-small" disabled={!canRedo} onClick={() => redo()} title="Redo (Shift+Ctrl+Z or Ctrl+Y)">
        Redo
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={empty}
        onClick={() => {
          clear();
          announce('Canvas cleared. Ctrl+Z brings it back.');
          focusCanvas();
        }}
      >
        Clear canvas
      </button>
      <span className={styles.toolbarGap} aria-hidden="true" />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          const { name, nodes, edges } = useCanvasStore.getState();
          announce(`Exported ${exportCanvas({ name, nodes, edges, viewport: viewport() })}.`);
        }}
      >
        Export
      </button>
      <button type="button" className="btn btn-small" onClick={() => picker.current?.click()}>
        Import…
      </button>
      <input
        ref={picker}
        type="file"
        accept={`${FILE_SUFFIX},.json,application/json`}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be picked again
          if (file) onImport(file);
        }}
      />
      <button type="button" className="btn btn-small" onClick={onHelp} aria-haspopup="dialog" aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
    </div>
  );
}
