import { useState } from 'react';
import { useModalDialog } from '../components/useModalDialog';
import { keepMineAsCopy, reloadTheirs } from './flowSync';
import styles from './FlowMenu.module.css';

/** A 412 on save: someone saved this flow since. The user chooses; nothing is overwritten meanwhile. */
export function ConflictDialog({ name }: { name: string }) {
  const dialog = useModalDialog();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setProblem(await action());
    setBusy(false);
  };

  return (
    <dialog
      ref={dialog}
      className="modal"
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-text"
      data-testid="conflict-dialog"
      onCancel={(event) => event.preventDefault()} // a choice is needed: Escape would leave the flow unsaved
    >
      <h2 id="conflict-title" className="modal-title">
        “{name}” was changed elsewhere
      </h2>
      <p id="conflict-text" className={styles.dialogText}>
        Someone (or another tab) saved this flow after you opened it. Your changes are not saved yet, and nothing of
        theirs was overwritten. Reload theirs (yours stay one Undo away), or keep yours as a copy under a new name.
      </p>
      {problem && (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void choose(reloadTheirs)}>
          Reload theirs
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void choose(keepMineAsCopy)} autoFocus>
          Keep mine as a copy
        </button>
      </div>
    </dialog>
  );
}
