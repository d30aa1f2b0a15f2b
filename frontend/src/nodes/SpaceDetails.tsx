import { useState } from 'react';
import type { GenieSpace } from '../api/types';
import styles from './GenieNode.module.css';

const TABLES_SHOWN = 4;
const QUESTIONS_SHOWN = 2;
const LONG_DESCRIPTION = 140;

/** The loaded space: title, description, warehouse, tables, sample questions; long parts fold. */
export function SpaceDetails({ space }: { space: GenieSpace }) {
  const title = space.display_name || space.title || 'Untitled space';
  const tables = stringList(space.table_identifiers);
  const questions = stringList(space.sample_questions);
  const updated = formatDate(space.last_updated_timestamp);

  return (
    <div className={styles.details}>
      <h3 className={styles.title} data-testid="genie-title">
        {title}
      </h3>
      {space.description && <Description text={space.description} />}

      <dl className={styles.meta}>
        <div>
          <dt>Warehouse</dt>
          <dd>
            <code data-testid="genie-warehouse">{space.warehouse_id || '—'}</code>
          </dd>
        </div>
        {updated && (
          <div>
            <dt>Updated</dt>
            <dd>{updated}</dd>
          </div>
        )}
      </dl>

      <FoldingList
        label="Tables"
        items={tables}
        shown={TABLES_SHOWN}
        empty="No tables"
        testId="genie-tables"
        itemClassName={styles.table}
      />
      <FoldingList
        label="Sample questions"
        items={questions}
        shown={QUESTIONS_SHOWN}
        empty="No sample questions"
        testId="genie-questions"
        itemClassName={styles.question}
      />
    </div>
  );
}

function Description({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > LONG_DESCRIPTION;
  return (
    <div className={styles.descriptionBlock}>
      <p className={`${styles.description} ${long && !open ? styles.clamped : ''}`} data-testid="genie-description">
        {text}
      </p>
      {long && (
        <button type="button" className="link-button nodrag" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Show less' : 'Show more'}
        </button>
      )}
    </div>
  );
}

interface FoldingListProps {
  label: string;
  items: string[];
  shown: number;
  empty: string;
  testId: string;
  itemClassName?: string;
}

function FoldingList({ label, items, shown, empty, testId, itemClassName }: FoldingListProps) {
  const [open, setOpen] = useState(false);
  const visible = open ? items : items.slice(0, shown);
  const hidden = items.length - visible.length;
  return (
    <section className={styles.section} aria-label={label}>
      <h4 className={styles.sectionTitle}>
        {label} <span className={styles.count}>{items.length}</span>
      </h4>
      {items.length === 0 ? (
        <p className={styles.empty}>{empty}</p>
      ) : (
        <ul className={styles.list} data-testid={testId}>
          {visible.map((item, index) => (
            <li key={`${index}-${item}`} className={itemClassName} title={item}>
              {item}
            </li>
          ))}
        </ul>
      )}
      {items.length > shown && (
        <button type="button" className="link-button nodrag" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Show fewer' : `Show all ${items.length} (${hidden} more)`}
        </button>
      )}
    </section>
  );
}

/** Sample questions are strings in the data-rooms API; tolerate `{question: "..."}` objects too. */
function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        const text = record.question ?? record.text ?? record.content;
        if (typeof text === 'string') return text;
        if (Array.isArray(text)) return text.filter((t) => typeof t === 'string').join(' ');
      }
      return '';
    })
    .filter((text) => text.length > 0);
}

function formatDate(ms: unknown): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return null;
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
