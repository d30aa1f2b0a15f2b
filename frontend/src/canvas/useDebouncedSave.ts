import { useCallback, useEffect, useRef } from 'react';

export interface DebouncedSave {
  /** Saves once `delayMs` after the last call (trailing): a drag of 60 frames a second writes storage once. */
  schedule: () => void;
  /** Saves now if a save is pending. */
  flush: () => void;
  /** Drops a pending save. */
  cancel: () => void;
}

/**
 * Debounces `save`, always running the latest one. A pending save also runs when the page is hidden or
 * unloaded (pagehide, beforeunload, visibilitychange) and when the component unmounts, so a reload right after
 * a change still finds it in storage.
 */
export function useDebouncedSave(save: () => void, delayMs = 300): DebouncedSave {
  const latest = useRef(save);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    latest.current = save;
  }, [save]);

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const flush = useCallback(() => {
    if (timer.current === null) return;
    cancel();
    latest.current();
  }, [cancel]);

  const schedule = useCallback(() => {
    cancel();
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  }, [cancel, delayMs]);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onHidden);
      flush();
    };
  }, [flush]);

  return { schedule, flush, cancel };
}
