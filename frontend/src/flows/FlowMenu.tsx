import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanvasStore } from '../store/canvasStore';
import { DEFAULT_FLOW_NAME, FLOW_NAME_RULE, isValidFlowName } from '../canvas/canvasDocument';
import { useFlowSession, type SaveState } from './flowSession';
import { listFlows } from './flowsApi';
import { deleteOpenFlow, freeName, newFlow, openFlow, renameFlow } from './flowSync';
import { useFlowAutosave } from './useFlowAutosave';
import { ConflictDialog } from './ConflictDialog';
import styles from './FlowMenu.module.css';

const SAVE_WORDS: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  conflict: 'Conflict',
  local: 'This browser only',
  error: 'Not saved',
};

type Mode = 'menu' | 'rename' | 'delete';

/** The open flow's name, its save state, and the flow menu: new, open, rename, delete. */
export function FlowMenu() {
  useFlowAutosave();
  const name = useCanvasStore((s) => s.name);
  const { saveState, problem } = useFlowSession();
  const [mode, setMode] = useState<Mode | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const queryClient = useQueryClient();
  const local = saveState === 'local';
  const flows = useQuery({ queryKey: ['flows'], queryFn: ({ signal }) => listFlows(signal), enabled: mode === 'menu' && !local, staleTime: 0 });
  const [message, setMessage] = useState<string | null>(null);

  const close = (refocus = true) => {
    setMode(null);
    setMessage(null);
    if (refocus) trigger.current?.focus();
  };

  // Escape or a click outside closes the menu; focus goes back to the button that opened it.
  useEffect(() => {
    if (!mode) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    const onPointer = (event: PointerEvent) => {
      if (!panel.current?.contains(event.target as Node) && !trigger.current?.contains(event.target as Node)) close(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  });

  const run = async (action: () => Promise<string | null>) => {
    const failure = await action();
    void queryClient.invalidateQueries({ queryKey: ['flows'] });
    if (failure) setMessage(failure);
    else close();
  };

  const startNew = () => {
    const taken = new Set((flows.data ?? []).map((f) => f.name));
    newFlow(taken.has(DEFAULT_FLOW_NAME) ? freeName(DEFAULT_FLOW_NAME, taken) : DEFAULT_FLOW_NAME);
    close();
  };

  return (
    <div className={styles.flow}>
      <button
        ref={trigger}
        type="button"
        className={`btn btn-ghost ${styles.trigger}`}
        aria-haspopup="true"
        aria-expanded={mode !== null}
        aria-controls={mode ? menuId : undefined}
        data-testid="flow-menu"
        onClick={() => (mode ? close() : setMode('menu'))}
      >
        <span className={styles.flowLabel}>Flow</span>
        <span className={styles.flowName} data-testid="flow-name">
          {name}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      <span className={`${styles.save} ${styles[saveState] ?? ''}`} data-testid="save-state" data-state={saveState} title={problem ?? undefined} role="status">
        {SAVE_WORDS[saveState]}
      </span>

      {mode && (
        <div ref={panel} id={menuId} className={styles.panel} role="group" aria-label="Flow menu">
          {mode === 'menu' && (
            <>
              <div className={styles.actions}>
                <button type="button" className="btn btn-small" onClick={startNew}>
                  New flow
                </button>
                <button type="button" className="btn btn-small" onClick={() => setMode('rename')}>
                  Rename…
                </button>
                <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setMode('delete')}>
                  Delete…
                </button>
              </div>
              <h2 className={styles.heading}>Open a flow</h2>
              {local ? (
                <p className={styles.muted}>The server keeps no flows right now: this canvas is kept in this browser.</p>
              ) : flows.isPending ? (
                <p className={styles.muted}>Loading flows…</p>
              ) : flows.isError ? (
                <p className={styles.muted}>The flows could not be listed.</p>
              ) : flows.data.length === 0 ? (
                <p className={styles.muted}>No flows saved yet.</p>
              ) : (
                <ul className={styles.list} aria-label="Saved flows">
                  {flows.data.map((flow) => (
                    <li key={flow.name}>
                      <button
                        type="button"
                        className={styles.option}
                        aria-current={flow.name === name ? 'true' : undefined}
                        data-testid="flow-option"
                        onClick={() => void run(() => openFlow(flow.name))}
                      >
                        <span>{flow.name}</span>
                        {flow.updated && <span className={styles.muted}>{new Date(flow.updated).toLocaleString()}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {mode === 'rename' && <RenameForm current={name} onRename={(next) => void run(() => renameFlow(next))} onCancel={() => setMode('menu')} />}
          {mode === 'delete' && (
            <div className={styles.confirm}>
              <p>
                Delete “{name}”{local ? '' : ' from the server'}? The canvas is emptied; Undo brings the blocks back, not the saved flow.
              </p>
              <div className={styles.actions}>
                <button type="button" className="btn btn-small btn-danger" onClick={() => void run(deleteOpenFlow)} autoFocus>
                  Delete flow
                </button>
                <button type="button" className="btn btn-small" onClick={() => setMode('menu')}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {message && (
            <p className={styles.problem} role="alert">
              {message}
            </p>
          )}
        </div>
      )}
      {saveState === 'conflict' && <ConflictDialog name={name} />}
    </div>
  );
}

function RenameForm({ current, onRename, onCancel }: { current: string; onRename: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(current);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const trimmed = value.trim();
  const valid = isValidFlowName(trimmed);
  useEffect(() => {
    input.current?.select();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onRename(trimmed);
  };
  return (
    <form className={styles.rename} onSubmit={submit} noValidate>
      <label className={styles.heading} htmlFor={`${hintId}-input`}>
        Flow name
      </label>
      <input
        ref={input}
        id={`${hintId}-input`}
        className={styles.input}
        value={value}
        maxLength={64}
        aria-invalid={!valid}
        aria-describedby={hintId}
        onChange={(event) => setValue(event.target.value)}
        autoFocus
      />
      <p id={hintId} className={valid ? styles.muted : styles.problem}>
        {FLOW_NAME_RULE}
      </p>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-small btn-primary" disabled={!valid}>
          Rename
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
