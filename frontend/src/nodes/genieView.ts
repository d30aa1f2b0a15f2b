import type { UseQueryResult } from '@tanstack/react-query';
import { describeError, type ErrorDescription } from '../api/describeError';
import type { GenieSpace } from '../api/types';

/** Everything a Genie block can show, as one union: the node switches on `status` and nothing else. */
export type GenieView =
  | { status: 'unset' }
  | { status: 'loading' }
  | { status: 'ready'; space: GenieSpace }
  | { status: 'error'; error: ErrorDescription };

export function genieView(spaceId: string | null, query: UseQueryResult<GenieSpace>): GenieView {
  if (spaceId === null) return { status: 'unset' };
  // A refetch after an error (Retry, or the chain coming back) shows loading again, so the user sees it working.
  if (query.isFetching && !query.data) return { status: 'loading' };
  if (query.status === 'error') return { status: 'error', error: describeError(query.error) };
  if (query.status === 'success') return { status: 'ready', space: query.data };
  return { status: 'loading' };
}
