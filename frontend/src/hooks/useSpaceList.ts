import { useCallback, useEffect, useRef, useState } from 'react';
import { listSpaces } from '../api/client';
import { isAbortError } from '../api/ApiError';
import { describeError, type ErrorDescription } from '../api/describeError';
import type { SpaceSummary } from '../api/types';

export const SPACES_PAGE_SIZE = 20;

export interface SpaceListState {
  spaces: SpaceSummary[];
  /** Set while the server has more pages. */
  nextPageToken: string | null;
  loading: boolean;
  error: ErrorDescription | null;
}

const EMPTY: SpaceListState = { spaces: [], nextPageToken: null, loading: true, error: null };

/** Pages through /api/genie/spaces: the first page on mount, `loadMore` appends the next; `reload` starts over. */
export function useSpaceList(): SpaceListState & { loadMore: () => void; reload: () => void } {
  const [state, setState] = useState<SpaceListState>(EMPTY);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback((pageToken: string | null) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState((s) => ({ ...(pageToken ? s : EMPTY), loading: true, error: null }));
    listSpaces(pageToken, SPACES_PAGE_SIZE, current.signal).then(
      (page) =>
        setState((s) => ({
          spaces: mergeById(pageToken ? s.spaces : [], page.spaces ?? []),
          nextPageToken: page.next_page_token || null,
          loading: false,
          error: null,
        })),
      (error: unknown) => {
        if (current.signal.aborted || isAbortError(error)) return;
        setState((s) => ({ ...s, loading: false, error: describeError(error) }));
      },
    );
  }, []);

  useEffect(() => {
    load(null);
    return () => controller.current?.abort();
  }, [load]);

  const loadMore = useCallback(() => {
    if (state.nextPageToken && !state.loading) load(state.nextPageToken);
  }, [load, state.nextPageToken, state.loading]);
  const reload = useCallback(() => load(null), [load]);

  return { ...state, loadMore, reload };
}

function mergeById(existing: SpaceSummary[], page: SpaceSummary[]): SpaceSummary[] {
  const seen = new Set(existing.map((s) => s.space_id));
  return existing.concat(page.filter((s) => typeof s?.space_id === 'string' && !seen.has(s.space_id)));
}

/** Search by title (and id, for people who paste one), case-insensitive. */
export function filterSpaces(spaces: readonly SpaceSummary[], query: string): SpaceSummary[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...spaces];
  return spaces.filter(
    (s) => (s.title ?? '').toLowerCase().includes(needle) || s.space_id.toLowerCase().includes(needle),
  );
}
