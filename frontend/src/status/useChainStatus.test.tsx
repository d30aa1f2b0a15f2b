import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useChainStatus } from './useChainStatus';
import { reportChainOutcome } from './chainOutcome';
import { createQueryClient, spaceQuery } from '../api/queries';
import { sendJson, sendProblem, withLoopbackApi } from '../test/loopbackServer';

const server = withLoopbackApi();
let ready = false;
beforeAll(() => {
  server.handle((_req, res, url) => {
    if (url.pathname === '/health/ready') {
      sendJson(res, ready ? 200 : 503, ready ? { status: 'Healthy' } : { status: 'Unhealthy', reason: 'No genie responder is running' });
    } else if (url.pathname === '/api/genie/get') {
      if (ready) sendJson(res, 200, { space_id: 's1', display_name: 'Sales' });
      else sendProblem(res, 503, 'SERVICE_UNAVAILABLE', 'No Genie responder is running.');
    } else sendJson(res, 200, { nats: 'connected', responders: ready ? [{ id: 'a' }] : [] });
  });
});
beforeEach(() => {
  ready = false;
});

function wrapper() {
  const client = createQueryClient();
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
const count = (path: string) => server.requests.filter((url) => url.startsWith(path)).length;

describe('useChainStatus', () => {
  it('re-checks at once when a block loads a space while the badge says not ready', async () => {
    const { result } = renderHook(() => useChainStatus(), { wrapper: wrapper() });
    await waitFor(() => expect(result.current?.ready).toBe(false));
    const before = count('/health/ready');

    ready = true; // a responder came back; the next poll would be 5 s away
    act(() => reportChainOutcome(true));

    await waitFor(() => expect(result.current?.ready).toBe(true), { timeout: 2000 });
    expect(count('/health/ready')).toBe(before + 1);
  });

  it('does not re-check when what a block saw agrees with the badge', async () => {
    const { result } = renderHook(() => useChainStatus(), { wrapper: wrapper() });
    await waitFor(() => expect(result.current?.ready).toBe(false));
    const before = count('/health/ready');
    act(() => reportChainOutcome(false));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(count('/health/ready')).toBe(before);
  });

  it('loads a failed space again by itself when the chain turns ready, with one request for two blocks', async () => {
    const { result } = renderHook(
      () => ({ status: useChainStatus(), a: useQuery(spaceQuery('s1')), b: useQuery(spaceQuery('s1')) }),
      { wrapper: wrapper() },
    );
    await waitFor(() => expect(result.current.a.status).toBe('error'));
    expect(result.current.b.status).toBe('error');
    expect(count('/api/genie/get')).toBe(1);

    ready = true;
    act(() => reportChainOutcome(true)); // stands for the next poll
    await waitFor(() => expect(result.current.a.data?.display_name).toBe('Sales'), { timeout: 3000 });
    expect(result.current.b.data?.display_name).toBe('Sales');
    expect(count('/api/genie/get')).toBe(2);
  });
});
