import { useCallback, useEffect, useState } from 'react';
import { getSpace } from '../api/client';
import { ApiError, isAbortError } from '../api/ApiError';
import { ErrorCodes } from '../api/errorCodes';
import { describeError, type ErrorDescription } from '../api/describeError';
import type { GenieSpace } from '../api/types';
import { spaceIdProblem } from '../spaceId';
import { reportChainOutcome } from '../status/chainOutcome';

export type SpaceState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; space: GenieSpace }
  | { status: 'error'; error: ErrorDescription };

interface Settled {
  key: string;
  state: SpaceState;
}

/**
 * Loads a Genie space through the bridge. Loading shows at once for every new id or Retry; an answer for an id
 * the block no longer shows is dropped (the request is aborted).
 */
export function useGenieSpace(spaceId: string | null): { state: SpaceState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);
  const key = `${spaceId ?? ''}#${attempt}`;

  useEffect(() => {
    if (spaceId === null) return;
    const problem = spaceIdProblem(spaceId);
    if (problem) {
      // Never sent: the bridge would refuse it with the same words.
      const error = describeError(new ApiError(400, ErrorCodes.InvalidRequest, problem));
      setSettled({ key, state: { status: 'error', error } });
      return;
    }
    const controller = new AbortController();
    getSpace(spaceId, controller.signal).then(
      (space) => {
        reportChainOutcome(true);
        setSettled({ key, state: { status: 'ready', space } });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 503) reportChainOutcome(false);
        setSettled({ key, state: { status: 'error', error: describeError(error) } });
      },
    );
    return () => controller.abort();
  }, [spaceId, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  let state: SpaceState;
  if (spaceId === null) state = { status: 'idle' };
  else if (settled?.key === key) state = settled.state;
  else state = { status: 'loading' };
  return { state, retry };
}
