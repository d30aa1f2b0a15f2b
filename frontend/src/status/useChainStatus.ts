import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isRetryableFailure, statusQuery } from '../api/queries';
import type { ServiceStatus } from './statusApi';
import { onChainOutcome } from './chainOutcome';

/**
 * The chain's readiness for the header badge (polled by TanStack Query), re-checked at once when a block's answer
 * contradicts it. When it turns ready again, every block whose space failed for a passing reason loads again by
 * itself: nobody has to press each block's Retry.
 */
export function useChainStatus(): ServiceStatus | null {
  const queryClient = useQueryClient();
  const { data, refetch } = useQuery(statusQuery);
  const shown = data?.ready;

  useEffect(
    () =>
      onChainOutcome((up) => {
        if (shown !== undefined && up !== shown) void refetch();
      }),
    [shown, refetch],
  );

  const wasReady = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    if (shown === true && wasReady.current === false) {
      void queryClient.refetchQueries({ predicate: isRetryableFailure });
    }
    wasReady.current = shown;
  }, [shown, queryClient]);

  return data ?? null;
}
