import { QueryClient, infiniteQueryOptions, queryOptions, type Query } from '@tanstack/react-query';
import { getConfig, getSpace, listCatalogLevel, listSpaces, listWarehouses } from './client';
import { ApiError } from './ApiError';
import { ErrorCodes } from './errorCodes';
import { describeError } from './describeError';
import { spaceIdProblem } from '../spaceId';
import { reportChainOutcome } from '../status/chainOutcome';
import { fetchServiceStatus } from '../status/statusApi';

export const SPACES_PAGE_SIZE = 20;
export const READY_POLL_MS = 15_000;
export const NOT_READY_POLL_MS = 5_000;

/**
 * Retries and staleness in one place. A failed call is not retried behind the user's back: the block shows why at
 * once, with Retry, and refetches by itself when the chain is ready again (useChainStatus).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 5 * 60_000, refetchOnWindowFocus: false },
    },
  });
}

export const configQuery = queryOptions({
  queryKey: ['config'],
  queryFn: ({ signal }) => getConfig(signal),
  staleTime: Infinity,
  // The workspace comes from the responders: ask again until one has said which it serves.
  refetchInterval: (query) => (query.state.data && !query.state.data.workspace ? 10_000 : false),
});

/** One cache entry per space id: N blocks on one space make one request. */
export const spaceQuery = (spaceId: string) =>
  queryOptions({
    queryKey: ['space', spaceId],
    queryFn: async ({ signal }) => {
      const problem = spaceIdProblem(spaceId);
      // Never sent: the bridge would refuse it with the same words.
      if (problem) throw new ApiError(400, ErrorCodes.InvalidRequest, problem);
      try {
        const space = await getSpace(spaceId, signal);
        reportChainOutcome(true);
        return space;
      } catch (error) {
        if (error instanceof ApiError && error.status === 503) reportChainOutcome(false);
        throw error;
      }
    },
  });

export const spacesQuery = infiniteQueryOptions({
  queryKey: ['spaces'],
  queryFn: ({ pageParam, signal }) => listSpaces(pageParam, SPACES_PAGE_SIZE, signal),
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.next_page_token || null,
  staleTime: 30_000,
});

export const statusQuery = queryOptions({
  queryKey: ['status'],
  queryFn: ({ signal }) => fetchServiceStatus(signal),
  // Every 15 s while ready, every 5 s while not (to notice recovery); never while the tab is hidden (the default).
  refetchInterval: (query) => (query.state.data?.ready ? READY_POLL_MS : NOT_READY_POLL_MS),
  staleTime: 0,
});

/** A space query that failed for a reason that may pass (the chain was down, Databricks was slow). */
export function isRetryableFailure(query: Query): boolean {
  return query.queryKey[0] === 'space' && query.state.status === 'error' && describeError(query.state.error).retryable;
}

/** The SQL warehouses a new space can run on (the create form's dropdown). */
export const warehousesQuery = queryOptions({
  queryKey: ['workspace', 'warehouses'],
  queryFn: ({ signal }) => listWarehouses(signal),
  staleTime: 30_000,
});

/** One level of the Unity Catalog tree, paged: catalogs, a catalog's schemas, a schema's tables. */
export const catalogLevelQuery = (level: 'catalogs' | 'schemas' | 'tables', catalog = '', schema = '') =>
  infiniteQueryOptions({
    queryKey: ['workspace', level, catalog, schema],
    queryFn: ({ pageParam, signal }) => listCatalogLevel(level, { catalog, schema }, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_page_token || null,
    staleTime: 60_000,
  });
