import { useCallback, useEffect, useState } from 'react';
import { getConfig } from '../api/client';
import { describeError, type ErrorDescription } from '../api/describeError';
import { isValidSpaceId } from '../spaceId';

export type DefaultSpaceState =
  | { status: 'loading' }
  | { status: 'resolved'; spaceId: string }
  | { status: 'none' }
  | { status: 'error'; error: ErrorDescription };

/** The server's default space (GENIE_DEFAULT_SPACE_ID via /api/config), asked for only while `enabled`. */
export function useDefaultSpaceId(enabled: boolean): { state: DefaultSpaceState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{ attempt: number; state: DefaultSpaceState } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    getConfig().then(
      (config) => {
        if (!live) return;
        const id = config.defaultSpaceId;
        setSettled({ attempt, state: isValidSpaceId(id) ? { status: 'resolved', spaceId: id } : { status: 'none' } });
      },
      (error: unknown) => {
        if (live) setSettled({ attempt, state: { status: 'error', error: describeError(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [enabled, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: DefaultSpaceState = settled?.attempt === attempt ? settled.state : { status: 'loading' };
  return { state, retry };
}
