import { useEffect, useRef, useState } from 'react';
import styles from './Workspace.module.css';

/** Clearing cannot be undone, so it asks once, inline (no blocking window.confirm). */
export function ClearCanvasButton({ disabled, onClear }: { disabled: boolean; onClear: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button type="button" className="btn" disabled={disabled} onClick={() => setConfirming(true)}>
        Clear canvas
      </button>
    );
  }
  return (
    <div className={styles.confirm} role="group" aria-label="Confirm clearing the canvas">
      <span>Remove every block and edge?</span>
      <button
        ref={confirm}
        type="button"
        className="btn btn-danger"
        onClick={() => {
          setConfirming(false);
          onClear();
        }}
      >
        Clear
      </button>
      <button type="button" className="btn" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}
