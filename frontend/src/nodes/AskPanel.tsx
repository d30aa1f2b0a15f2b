import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../api/describeError';
import { ApiError } from '../api/ApiError';
import { ErrorCodes } from '../api/errorCodes';
import { statusInWords } from '../api/ask';
import type { ConversationTurn, GenieNodeData } from './types';
import { useAsk, type AskState } from './useAsk';
import styles from './AskPanel.module.css';

/** Rows the table shows (the rest is kept in the flow up to its cap; "N of M rows" says how many there were). */
const SHOWN_ROWS = 10;
const NUMERIC = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|LONG|SHORT|BYTE|FLOAT|DOUBLE|DECIMAL|NUMERIC|REAL)/i;

/** Ask Genie on the block: the question box, sample questions, live status with Stop, the answers and follow-ups. */
export function AskPanel({ nodeId, data, samples }: { nodeId: string; data: GenieNodeData; samples: string[] }) {
  const { state, ask, stop, startOver } = useAsk(nodeId, data);
  const [question, setQuestion] = useState('');
  const turns = data.conversation ?? [];
  const busy = state.phase === 'asking';
  const conversation = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // A new answer, or a question on its way, is at the end of a conversation that scrolls: bring it into view.
  useEffect(() => {
    const box = conversation.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [turns.length, busy]);

  // A chip asks and then goes away (or is disabled): the focus stays in the block, on the question box.
  const askChip = (q: string) => {
    void ask(q);
    input.current?.focus({ preventScroll: true });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !question.trim()) return;
    void ask(question);
    setQuestion('');
  };

  return (
    <section className={`${styles.panel} nodrag nowheel`} aria-label="Ask Genie">
      {turns.length > 0 && (
        <div ref={conversation} className={styles.conversation} data-testid="conversation">
          {turns.map((turn, i) => (
            <Turn key={i} turn={turn} disabled={busy} onAsk={askChip} last={i === turns.length - 1} />
          ))}
        </div>
      )}
      {turns.length === 0 && samples.length > 0 && !busy && (
        <div className={styles.samples}>
          <span className={styles.label}>Try a sample question</span>
          {samples.slice(0, 3).map((q) => (
            <button key={q} type="button" className={`btn btn-ghost btn-small ${styles.chip}`} onClick={() => askChip(q)}>
              {q}
            </button>
          ))}
        </div>
      )}
      <AskProgress state={state} onStop={stop} onRetry={(q) => void ask(q)} />
      <form className={styles.form} onSubmit={submit}>
        <label className={styles.label} htmlFor={`ask-${nodeId}`}>
          Ask Genie
        </label>
        <div className={styles.row}>
          <input
            ref={input}
            id={`ask-${nodeId}`}
            className={styles.input}
            value={question}
            maxLength={2000}
            placeholder={turns.length ? 'Ask a follow-up…' : 'Ask a question about this space…'}
            onChange={(e) => setQuestion(e.target.value)}
            disabled={!data.spaceId}
          />
          <button type="submit" className="btn btn-primary btn-small" disabled={busy || !question.trim()}>
            Ask
          </button>
        </div>
        {turns.length > 0 && (
          <button type="button" className="btn btn-ghost btn-small" onClick={startOver}>
            New conversation
          </button>
        )}
      </form>
    </section>
  );
}

function AskProgress({ state, onStop, onRetry }: { state: AskState; onStop: () => void; onRetry: (q: string) => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.phase !== 'asking') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.phase]);

  if (state.phase === 'asking') {
    const seconds = Math.max(0, Math.floor((now - state.startedAt) / 1000));
    return (
      <div className={styles.progress} role="status" data-testid="ask-status">
        <span className={styles.question}>{state.question}</span>
        <span>
          {state.status ? statusInWords(state.status) : 'Sending the question…'} <span className={styles.elapsed}>{seconds} s</span>
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={onStop}>
          Stop
        </button>
      </div>
    );
  }
  if (state.phase === 'failed') {
    const words = askErrorInWords(state.error);
    return (
      <div className={styles.error} role="alert" data-testid="ask-error">
        <strong>{words.title}</strong>
        <span>{words.message}</span>
        {words.detail && <span className={styles.detail}>{words.detail}</span>}
        <button type="button" className="btn btn-primary btn-small" onClick={() => onRetry(state.question)}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}

function askErrorInWords(error: unknown): { title: string; message: string; detail?: string } {
  if (error instanceof ApiError) {
    if (error.code === ErrorCodes.GenieFailed) return { title: 'Genie could not answer', message: 'Genie stopped without an answer.', detail: error.detail };
    if (error.code === ErrorCodes.AskTimeout) return { title: 'Genie took too long', message: 'Genie was still working when the time ran out. Retry, or ask a simpler question.' };
    if (error.code === ErrorCodes.InvalidRequest) return { title: 'The question was not sent', message: error.detail ?? 'Check the question and try again.' };
  }
  const d = describeError(error);
  return { title: d.title, message: d.message, detail: d.detail };
}

function Turn({ turn, disabled, onAsk, last }: { turn: ConversationTurn; disabled: boolean; onAsk: (q: string) => void; last: boolean }) {
  return (
    <article className={styles.turn} data-testid="answer">
      <p className={styles.question}>{turn.question}</p>
      {turn.text && <p className={styles.text}>{turn.text}</p>}
      {turn.followUp && <p className={styles.text}>{turn.followUp}</p>}
      {turn.columns && turn.rows && <ResultTable columns={turn.columns} rows={turn.rows} total={turn.rowCount ?? turn.rows.length} />}
      {turn.sql && <Sql sql={turn.sql} title={turn.sqlTitle ?? undefined} />}
      {last && turn.suggested && turn.suggested.length > 0 && (
        <div className={styles.samples}>
          <span className={styles.label}>Follow-ups</span>
          {turn.suggested.map((q) => (
            <button key={q} type="button" className={`btn btn-ghost btn-small ${styles.chip}`} disabled={disabled} onClick={() => onAsk(q)}>
              {q}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}

function ResultTable({ columns, rows, total }: { columns: { name: string; type: string | null }[]; rows: (string | null)[][]; total: number }) {
  const shown = rows.slice(0, SHOWN_ROWS);
  const numeric = columns.map((c) => NUMERIC.test(c.type ?? ''));
  return (
    <div className={styles.result}>
      <div className={styles.scroll} tabIndex={0} aria-label="Result table, scrolls sideways">
        <table className={styles.table}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col" className={numeric[columns.indexOf(c)] ? styles.num : undefined}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={numeric[c] ? styles.num : undefined}>
                    {cell ?? <span className={styles.null}>null</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <span className={styles.count}>
        {shown.length} of {total} rows
      </span>
    </div>
  );
}

function Sql({ sql, title }: { sql: string; title?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(sql).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <details className={styles.sql}>
      <summary>SQL{title ? `: ${title}` : ''}</summary>
      <pre>
        <code>{sql}</code>
      </pre>
      <button type="button" className="btn btn-ghost btn-small" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </details>
  );
}
