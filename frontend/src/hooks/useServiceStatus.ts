import { useEffect, useState } from 'react';
import { isAbortError } from '../api/ApiError';
import { fetchServiceStatus, type ServiceStatus } from '../status/statusApi';
import { onChainOutcome } from '../status/chainOutcome';

/**
 * Gentle polling: every 15 s while ready, every 5 s while not (to notice recovery), never while the tab is hidden;
 * and at once when a block's request shows the badge is out of date.
 */
export const READY_POLL_MS = 15_000;
export const NOT_READY_POLL_MS = 5_000;

/** null until the first answer. */
export function useServiceStatus(): ServiceStatus | null {
  const [status, setStatus] = useState<ServiceStatus | null>(null);

  useEffect(() => {
    let shown: boolean | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const stop = () => {
      clearTimeout(timer);
      controller?.abort();
    };
    const poll = () => {
      stop();
      if (document.visibilityState === 'hidden') return;
      const current = new AbortController();
      controller = current;
      fetchServiceStatus(current.signal).then(
        (next) => {
          shown = next.ready;
          setStatus(next);
          timer = setTimeout(poll, next.ready ? READY_POLL_MS : NOT_READY_POLL_MS);
        },
        (error: unknown) => {
          if (current.signal.aborted || isAbortError(error)) return;
          shown = false;
          setStatus({ ready: false, reason: 'Status unknown' });
          timer = setTimeout(poll, NOT_READY_POLL_MS);
        },
      );
    };
    // Hidden: stop. Visible again: ask at once, then resume the rhythm.
    const onVisibility = () => (document.visibilityState === 'hidden' ? stop() : poll());

    poll();
    document.addEventListener('visibilitychange', onVisibility);
    const stopListening = onChainOutcome((up) => {
      if (shown !== undefined && up !== shown) poll();
    });
    return () => {
      stopListening();
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, []);

  return status;
}
