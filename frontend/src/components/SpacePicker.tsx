import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { spacesQuery } from '../api/queries';
import { describeError } from '../api/describeError';
import { filterSpaces, mergePages } from './filterSpaces';
import { Spinner } from './Spinner';
import styles from './SpacePicker.module.css';

interface Props {
  currentSpaceId: string | null;
  onPick: (spaceId: string) => void;
  onClose: () => void;
  /** Opens the "New Genie space" form instead. */
  onNew: () => void;
}

/** A modal list of the workspace's Genie spaces (from /api/genie/spaces), searchable by title, paged by "Load more". */
export function SpacePicker({ currentSpaceId, onPick, onClose, onNew }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [query, setQuery] = useState('');
  const list = useInfiniteQuery(spacesQuery);
  const spaces = useMemo(() => mergePages(list.data?.pages ?? []), [list.data]);
  const loading = list.isFetching;
  const error = list.isError ? describeError(list.error) : null;
  const nextPageToken = list.hasNextPage;
  const loadMore = () => void list.fetchNextPage();
  const reload = () => void list.refetch();
  const shown = useMemo(() => filterSpaces(spaces, query), [spaces, query]);

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    // showModal gives the top layer, a focus trap and Escape; the attribute is the fallback where it is missing.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    search.current?.focus();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={titleId}
      data-testid="space-picker"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) onClose(); // a click on the backdrop
      }}
    >
      <div className={styles.panel}>
        <header className={styles.header}>
          <h2 id={titleId} className={styles.title}>
            Choose a Genie space
          </h2>
          <span className={styles.headerActions}>
            <button type="button" className="btn btn-primary btn-small" onClick={onNew} aria-haspopup="dialog">
              New space
            </button>
            <button type="button" className={styles.close} aria-label="Close" onClick={onClose}>
              ×
            </button>
          </span>
        </header>

        <input
          type="search"
          className={styles.search}
          placeholder="Search by title…"
          aria-label="Search spaces by title"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          ref={search}
        />

        <ul className={styles.list} aria-label="Genie spaces" aria-busy={loading}>
          {shown.map((space) => {
            const current = space.space_id === currentSpaceId;
            return (
              <li key={space.space_id}>
                <button
                  type="button"
                  className={styles.option}
                  data-testid="space-option"
                  data-space-id={space.space_id}
                  aria-current={current ? 'true' : undefined}
                  onClick={() => onPick(space.space_id)}
                >
                  <span className={styles.optionTitle}>
                    {space.title || 'Untitled space'}
                    {current && <span className={styles.currentTag}>Current</span>}
                  </span>
                  {space.description && <span className={styles.optionDescription}>{space.description}</span>}
                  <span className={styles.optionId}>{space.space_id}</span>
                </button>
              </li>
            );
          })}
        </ul>

        <footer className={styles.footer}>
          {loading && (
            <span className={styles.muted} role="status">
              <Spinner /> Loading spaces…
            </span>
          )}
          {error && (
            <div className={styles.error} role="alert">
              <strong>{error.title}.</strong> {error.message}
              {error.detail && <span className={styles.muted}> {error.detail}</span>}
              <button type="button" className="btn btn-small" onClick={nextPageToken ? loadMore : reload}>
                Retry
              </button>
            </div>
          )}
          {!loading && !error && (
            <span className={styles.muted} role="status">
              {shown.length === 0
                ? query
                  ? `No loaded space matches “${query.trim()}”.`
                  : 'No Genie spaces in this workspace.'
                : `${shown.length} of ${spaces.length} loaded space${spaces.length === 1 ? '' : 's'}`}
              {nextPageToken ? ' · more on the server' : ''}
            </span>
          )}
          {nextPageToken && !loading && !error && (
            <button type="button" className="btn btn-small" onClick={loadMore}>
              Load more
            </button>
          )}
        </footer>
      </div>
    </dialog>
  );
}
