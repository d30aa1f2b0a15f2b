import { useEffect, useId, useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { catalogLevelQuery } from '../api/queries';
import { describeError } from '../api/describeError';
import type { CatalogItem, CatalogPage } from '../api/types';
import { Spinner } from '../components/Spinner';
import styles from './CreateSpaceDialog.module.css';

interface Props {
  selected: string[];
  onToggle: (fullName: string) => void;
  max: number;
  invalid?: boolean;
  describedBy?: string;
}

const merge = (pages: CatalogPage[] | undefined): CatalogItem[] => (pages ?? []).flatMap((p) => p.items);

/**
 * Unity Catalog, one level at a time: a catalog, then one of its schemas, then its tables (searchable, paged by
 * "Load more", each a checkbox). Choosing tables in several schemas adds them all; the form shows them as chips.
 */
export function TableBrowser({ selected, onToggle, max, invalid, describedBy }: Props) {
  const id = useId();
  const [catalog, setCatalog] = useState('');
  const [schema, setSchema] = useState('');
  const [search, setSearch] = useState('');

  const catalogs = useInfiniteQuery(catalogLevelQuery('catalogs'));
  const schemas = useInfiniteQuery({ ...catalogLevelQuery('schemas', catalog), enabled: catalog !== '' });
  const tables = useInfiniteQuery({ ...catalogLevelQuery('tables', catalog, schema), enabled: catalog !== '' && schema !== '' });

  // Catalogs and schemas are short lists shown in a dropdown: read every page of them.
  useEffect(() => {
    if (catalogs.hasNextPage && !catalogs.isFetching && !catalogs.isError) void catalogs.fetchNextPage();
  }, [catalogs]);
  useEffect(() => {
    if (schemas.hasNextPage && !schemas.isFetching && !schemas.isError) void schemas.fetchNextPage();
  }, [schemas]);

  const catalogItems = merge(catalogs.data?.pages);
  const schemaItems = merge(schemas.data?.pages);
  const tableItems = useMemo(() => merge(tables.data?.pages), [tables.data]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return tableItems;
    return tableItems.filter((t) => `${t.full_name} ${t.comment ?? ''}`.toLowerCase().includes(needle));
  }, [tableItems, search]);
  const failed = [catalogs, schemas, tables].find((q) => q.isError);
  const error = failed ? describeError(failed.error) : null;
  const full = selected.length >= max;

  return (
    <fieldset className={styles.browser} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend className={styles.label}>Tables</legend>
      <div className={styles.row}>
        <label className={styles.inline}>
          <span className={styles.sublabel}>Catalog</span>
          <select
            className={styles.select}
            aria-label="Catalog"
            value={catalog}
            onChange={(event) => {
              setCatalog(event.target.value);
              setSchema('');
            }}
          >
            <option value="">{catalogs.isPending ? 'Loading catalogs…' : 'Choose a catalog…'}</option>
            {catalogItems.map((c) => (
              <option key={c.full_name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.inline}>
          <span className={styles.sublabel}>Schema</span>
          <select className={styles.select} aria-label="Schema" value={schema} disabled={catalog === ''} onChange={(event) => setSchema(event.target.value)}>
            <option value="">{catalog && schemas.isPending ? 'Loading schemas…' : 'Choose a schema…'}</option>
            {schemaItems.map((s) => (
              <option key={s.full_name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        type="search"
        className={styles.input}
        placeholder="Search tables in this schema…"
        aria-label="Search tables"
        value={search}
        disabled={schema === ''}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ul className={styles.tables} aria-label="Tables in the schema" aria-busy={tables.isFetching} id={`${id}-tables`}>
        {schema === '' && <li className={styles.muted}>Choose a catalog and a schema to see its tables.</li>}
        {schema !== '' && !tables.isPending && shown.length === 0 && !tables.isError && (
          <li className={styles.muted}>{search ? `No table matches “${search.trim()}”.` : 'This schema has no tables.'}</li>
        )}
        {shown.map((table) => {
          const checked = selected.includes(table.full_name);
          return (
            <li key={table.full_name}>
              <label className={styles.table} data-testid="table-option" data-table={table.full_name}>
                <input type="checkbox" checked={checked} disabled={!checked && full} onChange={() => onToggle(table.full_name)} />
                <span className={styles.tableName}>{table.name}</span>
                {table.comment && <span className={styles.tableComment}>{table.comment}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      <div className={styles.browserFooter}>
        {(catalogs.isFetching || schemas.isFetching || tables.isFetching) && (
          <span className={styles.muted} role="status">
            <Spinner /> Loading…
          </span>
        )}
        {tables.hasNextPage && !tables.isFetching && (
          <button type="button" className="btn btn-small" onClick={() => void tables.fetchNextPage()}>
            Load more tables
          </button>
        )}
        {full && <span className={styles.muted}>{max} tables chosen: the most a space can hold.</span>}
        {error && (
          <span className={styles.errorText} role="alert">
            {error.title}. {error.detail ?? error.message}{' '}
            <button type="button" className="btn btn-small" onClick={() => void failed?.refetch()}>
              Retry
            </button>
          </span>
        )}
      </div>
    </fieldset>
  );
}
