import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSpace } from '../api/client';
import { spaceQuery, warehousesQuery } from '../api/queries';
import { describeError } from '../api/describeError';
import type { CreateSpaceInput, GenieSpace, Warehouse } from '../api/types';
import { Spinner } from '../components/Spinner';
import { EMPTY_DRAFT, LIMITS, toCreateInput, validateDraft, type CreateSpaceDraft, type DraftField } from './createSpaceForm';
import { TableBrowser } from './TableBrowser';
import styles from './CreateSpaceDialog.module.css';

interface Props {
  /** Called with the new space once Databricks created it (the cache already holds it). */
  onCreated: (space: GenieSpace) => void;
  onClose: () => void;
}

const STATE_WORDS: Record<string, string> = {
  RUNNING: 'running',
  STARTING: 'starting',
  STOPPED: 'stopped',
  STOPPING: 'stopping',
};

export function warehouseLabel(w: Warehouse): string {
  const state = STATE_WORDS[w.state] ?? w.state.toLowerCase();
  return `${w.name} — ${state}${w.cluster_size ? ` · ${w.cluster_size}` : ''}`;
}

/**
 * "New Genie space": title, description, a warehouse (with its state), tables browsed in Unity Catalog (chips), sample
 * questions and instructions. Checked with the server's rules before it is sent; a refusal is shown here and
 * nothing typed is lost. A modal <dialog>: Escape or Cancel closes it, and the opener gets focus back.
 */
export function CreateSpaceDialog({ onCreated, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const id = useId();
  const [typed, setDraft] = useState<CreateSpaceDraft>(EMPTY_DRAFT);
  const [showProblems, setShowProblems] = useState(false);
  const queryClient = useQueryClient();
  const warehouses = useQuery(warehousesQuery);
  // Until the user picks one, the warehouse is the first of the list (it comes running first): the usual choice.
  const draft = { ...typed, warehouseId: typed.warehouseId || (warehouses.data?.warehouses[0]?.id ?? '') };
  const create = useMutation({
    mutationFn: (input: CreateSpaceInput) => createSpace(input),
    onSuccess: (space) => {
      queryClient.setQueryData(spaceQuery(space.space_id).queryKey, space);
      void queryClient.invalidateQueries({ queryKey: ['spaces'] });
      onCreated(space);
    },
  });

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    titleInput.current?.focus();
  }, []);

  const problems = validateDraft(draft);
  const problemOf = (field: DraftField) => (showProblems ? problems.find((p) => p.field === field)?.message : undefined);
  const set = <K extends keyof CreateSpaceDraft>(key: K, value: CreateSpaceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggleTable = (table: string) =>
    setDraft((d) => ({ ...d, tables: d.tables.includes(table) ? d.tables.filter((t) => t !== table) : [...d.tables, table] }));
  const setQuestion = (index: number, text: string) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? text : q)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    if (problems.length > 0) {
      setShowProblems(true);
      // Focus the first field that is wrong, so a keyboard user lands on it.
      const first = problems[0]?.field;
      dialog.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    create.mutate(toCreateInput(draft), { onError: () => requestAnimationFrame(() => errorBox.current?.focus()) });
  };

  const failure = create.isError ? describeError(create.error) : null;
  const fieldProps = (field: DraftField) => {
    const problem = problemOf(field);
    return {
      'data-field': field,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-${field}-problem` : undefined,
    } as const;
  };
  const problemText = (field: DraftField) => {
    const problem = problemOf(field);
    return problem ? (
      <p className={styles.problem} id={`${id}-${field}-problem`}>
        {problem}
      </p>
    ) : null;
  };

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={`${id}-title`}
      data-testid="create-space-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className={styles.panel} onSubmit={submit} noValidate>
        <header className={styles.header}>
          <h2 id={`${id}-title`} className={styles.heading}>
            New Genie space
          </h2>
          <button type="button" className={styles.close} aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>

        <div className={styles.body}>
          {failure && (
            <div className={styles.failure} role="alert" tabIndex={-1} ref={errorBox} data-testid="create-error" data-code={failure.code}>
              <strong>The space was not created.</strong> {failure.detail ?? failure.message}
              {failure.requestId && <span className={styles.muted}> (request id {failure.requestId})</span>}
            </div>
          )}

          <label className={styles.field}>
            <span className={styles.label}>Title</span>
            <input
              ref={titleInput}
              className={styles.input}
              value={draft.title}
              onChange={(e) => set('title', e.target.value)}
              {...fieldProps('title')}
            />
          </label>
          {problemText('title')}

          <label className={styles.field}>
            <span className={styles.label}>
              Description <span className={styles.muted}>(optional)</span>
            </span>
            <textarea
              className={styles.textarea}
              rows={2}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
              {...fieldProps('description')}
            />
          </label>
          {problemText('description')}

          <label className={styles.field}>
            <span className={styles.label}>SQL warehouse</span>
            <select
              className={styles.select}
              value={draft.warehouseId}
              onChange={(e) => set('warehouseId', e.target.value)}
              {...fieldProps('warehouse')}
            >
              <option value="">{warehouses.isPending ? 'Loading warehouses…' : 'Choose a warehouse…'}</option>
              {warehouses.data?.warehouses.map((w) => (
                <option key={w.id} value={w.id} data-state={w.state}>
                  {warehouseLabel(w)}
                </option>
              ))}
            </select>
            {warehouses.isError && (
              <p className={styles.problem} role="alert">
                Warehouses could not be loaded: {describeError(warehouses.error).detail ?? describeError(warehouses.error).message}{' '}
                <button type="button" className="btn btn-small" onClick={() => void warehouses.refetch()}>
                  Retry
                </button>
              </p>
            )}
          </label>
          {problemText('warehouse')}

          <TableBrowser
            selected={draft.tables}
            onToggle={toggleTable}
            max={LIMITS.tables}
            invalid={Boolean(problemOf('tables'))}
            describedBy={problemOf('tables') ? `${id}-tables-problem` : undefined}
          />
          <div className={styles.chips} aria-label="Chosen tables" role="list" data-field="tables" tabIndex={-1}>
            {draft.tables.length === 0 && <span className={styles.muted}>No table chosen yet.</span>}
            {draft.tables.map((table) => (
              <span key={table} className={styles.chip} role="listitem" data-testid="table-chip">
                {table}
                <button type="button" className={styles.chipRemove} aria-label={`Remove ${table}`} onClick={() => toggleTable(table)}>
                  ×
                </button>
              </span>
            ))}
          </div>
          {problemText('tables')}

          <fieldset className={styles.questions}>
            <legend className={styles.label}>
              Sample questions <span className={styles.muted}>(optional, up to {LIMITS.questions})</span>
            </legend>
            {draft.questions.map((question, index) => (
              <div key={index} className={styles.questionRow}>
                <input
                  className={styles.input}
                  aria-label={`Sample question ${index + 1}`}
                  value={question}
                  onChange={(e) => setQuestion(index, e.target.value)}
                  {...(index === 0 ? fieldProps('questions') : {})}
                />
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  aria-label={`Remove question ${index + 1}`}
                  onClick={() => set('questions', draft.questions.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-small"
              disabled={draft.questions.length >= LIMITS.questions}
              onClick={() => set('questions', [...draft.questions, ''])}
            >
              Add question
            </button>
            {problemText('questions')}
          </fieldset>

          <label className={styles.field}>
            <span className={styles.label}>
              Instructions <span className={styles.muted}>(optional)</span>
            </span>
            <textarea
              className={styles.textarea}
              rows={2}
              value={draft.instructions}
              onChange={(e) => set('instructions', e.target.value)}
              {...fieldProps('instructions')}
            />
          </label>
          {problemText('instructions')}
        </div>

        <footer className={styles.footer}>
          {create.isPending && (
            <span className={styles.muted} role="status">
              <Spinner /> Creating the space in Databricks…
            </span>
          )}
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create space'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
