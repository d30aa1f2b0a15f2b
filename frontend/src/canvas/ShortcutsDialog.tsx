import { useModalDialog } from '../components/useModalDialog';
import { SHORTCUTS } from './shortcuts';
import styles from './Workspace.module.css';

/** The "?" panel: every shortcut, in a modal dialog; Escape or Close returns focus to where it was. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useModalDialog();
  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby="shortcuts-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) onClose();
      }}
    >
      <h2 id="shortcuts-title" className="modal-title">
        Keyboard shortcuts
      </h2>
      <p className={styles.dialogHint}>Mod is Ctrl, or ⌘ on a Mac. None of them act while you type in a field.</p>
      <table className={styles.shortcuts}>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
