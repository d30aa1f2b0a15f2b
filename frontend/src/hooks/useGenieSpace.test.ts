import { describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useGenieSpace } from './useGenieSpace';
import { sendJson, sendProblem, useLoopbackApi } from '../test/loopbackServer';

const server = useLoopbackApi();

describe('useGenieSpace', () => {
  it('is loading at once, then holds the space', async () => {
    server.handle((_req, res, url) => sendJson(res, 200, { space_id: url.searchParams.get('space_id'), display_name: 'Sales' }));
    const { result } = renderHook(() => useGenieSpace('s1'));
    expect(result.current.state.status).toBe('loading');
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'ready', space: { display_name: 'Sales' } }));
  });

  it('shows "Genie service unavailable" for a 503 and loads again on Retry', async () => {
    server.handle((_req, res) => sendProblem(res, 503, 'SERVICE_UNAVAILABLE', 'No Genie responder is running.'));
    const { result } = renderHook(() => useGenieSpace('s1'));
    await waitFor(() =>
      expect(result.current.state).toMatchObject({ status: 'error', error: { title: 'Genie service unavailable' } }),
    );

    server.handle((_req, res) => sendJson(res, 200, { space_id: 's1', display_name: 'Back again' }));
    act(() => result.current.retry());
    expect(result.current.state.status).toBe('loading');
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'ready', space: { display_name: 'Back again' } }));
    expect(server.requests).toEqual(['/api/genie/get?space_id=s1', '/api/genie/get?space_id=s1']);
  });

  it('loads the new space when the id changes, and never shows the old answer for it', async () => {
    server.handle((_req, res, url) => {
      const id = url.searchParams.get('space_id');
      // The first space answers late: its answer must not land on the block that now shows the second.
      setTimeout(() => sendJson(res, 200, { space_id: id, display_name: `Space ${id}` }), id === 'first' ? 200 : 0);
    });
    const { result, rerender } = renderHook(({ id }) => useGenieSpace(id), { initialProps: { id: 'first' } });
    rerender({ id: 'second' });
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'ready', space: { display_name: 'Space second' } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(result.current.state).toMatchObject({ status: 'ready', space: { display_name: 'Space second' } });
  });

  it('never sends an id the bridge would refuse and says what is wrong with it', async () => {
    const { result } = renderHook(() => useGenieSpace('bad id'));
    await waitFor(() => expect(result.current.state.status).toBe('error'));
    expect(result.current.state).toMatchObject({ error: { title: 'Invalid space id', retryable: false } });
    expect(server.requests).toEqual([]);
  });

  it('is idle without an id', () => {
    const { result } = renderHook(() => useGenieSpace(null));
    expect(result.current.state.status).toBe('idle');
  });
});
