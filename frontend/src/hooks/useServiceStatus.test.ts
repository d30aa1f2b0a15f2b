import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useServiceStatus } from './useServiceStatus';
import { reportChainOutcome } from '../status/chainOutcome';
import { sendJson, useLoopbackApi } from '../test/loopbackServer';

const server = useLoopbackApi();
let ready = false;
beforeAll(() => {
  server.handle((_req, res, url) =>
    url.pathname === '/health/ready'
      ? sendJson(res, ready ? 200 : 503, ready ? { status: 'Healthy' } : { status: 'Unhealthy', reason: 'No genie responder is running' })
      : sendJson(res, 200, { nats: 'connected', responders: ready ? [{ id: 'a' }] : [] }),
  );
});
beforeEach(() => {
  ready = false;
});

const readinessChecks = () => server.requests.filter((url) => url.startsWith('/health/ready')).length;

describe('useServiceStatus', () => {
  it('re-checks at once when a block loads a space while the badge says not ready', async () => {
    const { result } = renderHook(() => useServiceStatus());
    await waitFor(() => expect(result.current?.ready).toBe(false));
    const before = readinessChecks();

    ready = true; // a responder came back; the next poll would be 5 s away
    act(() => reportChainOutcome(true));

    await waitFor(() => expect(result.current?.ready).toBe(true), { timeout: 2000 });
    expect(readinessChecks()).toBe(before + 1);
  });

  it('does not re-check when what a block saw agrees with the badge', async () => {
    const { result } = renderHook(() => useServiceStatus());
    await waitFor(() => expect(result.current?.ready).toBe(false));
    const before = readinessChecks();

    act(() => reportChainOutcome(false));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(readinessChecks()).toBe(before);
  });
});
