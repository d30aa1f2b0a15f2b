// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { getSpace, listSpaces, setApiBaseUrl, getJson } from './client';
import { ApiError, isAbortError } from './ApiError';
import { describeError } from './describeError';
import { sendJson, sendProblem, startLoopbackServer, withLoopbackApi } from '../test/loopbackServer';

const server = withLoopbackApi();

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('getSpace', () => {
  it('asks the bridge for the space id, encoded, and returns the space', async () => {
    server.handle((_req, res, url) =>
      sendJson(res, 200, { space_id: url.searchParams.get('space_id'), display_name: 'Sales Analytics' }),
    );
    const space = await getSpace('01f0eca3dc1b1cbc9b65fa58f94c18ad');
    expect(space.display_name).toBe('Sales Analytics');
    expect(server.requests).toEqual(['/api/genie/get?space_id=01f0eca3dc1b1cbc9b65fa58f94c18ad']);
  });

  it.each([
    [503, 'SERVICE_UNAVAILABLE', 'Genie service unavailable', true],
    [503, 'RESPONDER_TIMEOUT', 'Genie service unavailable', true],
    [503, 'BUS_UNAVAILABLE', 'Genie service unavailable', true],
    [404, 'NOT_FOUND', 'Space not found', true],
    [400, 'INVALID_REQUEST', 'Invalid space id', false],
    [429, 'RATE_LIMITED', 'Databricks problem: rate limited', true],
    [502, 'UPSTREAM_AUTH', 'Databricks problem: credentials rejected', true],
    [502, 'UPSTREAM_ERROR', 'Databricks problem', true],
    [504, 'UPSTREAM_TIMEOUT', 'Databricks problem: no answer in time', true],
    [500, 'INTERNAL', 'Something went wrong on the server', true],
  ])('maps %i %s from ProblemDetails to "%s"', async (status, code, title, retryable) => {
    server.handle((_req, res) => sendProblem(res, status, code, `the server says ${code}`));
    const error = await failure(getSpace('abc'));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.requestId).toBe('req-42');
    const described = describeError(error);
    expect(described.title).toBe(title);
    expect(described.retryable).toBe(retryable);
    // The server's own words reach the user: as the message for a bad id, as the detail otherwise.
    expect([described.message, described.detail]).toContain(`the server says ${code}`);
  });

  it('takes the code from the status when ProblemDetails carries none', async () => {
    server.handle((_req, res) => sendJson(res, 404, { status: 404, title: 'Not Found' }, 'application/problem+json'));
    const error = await failure(getSpace('abc'));
    expect(error.code).toBe('NOT_FOUND');
    expect(describeError(error).title).toBe('Space not found');
  });

  it('reports a closed port as "Cannot reach GenieCanvas server"', async () => {
    const gone = await startLoopbackServer();
    await gone.close();
    setApiBaseUrl(gone.url);
    try {
      const error = await failure(getSpace('abc'));
      expect(error.status).toBe(0);
      expect(error.code).toBe('NETWORK');
      expect(describeError(error)).toMatchObject({ title: 'Cannot reach GenieCanvas server', retryable: true });
    } finally {
      setApiBaseUrl(server.url);
    }
  });

  it('gives up on a server that never answers, as a network failure', async () => {
    server.handle(() => {
      /* never answers */
    });
    const error = await failure(getJson('/api/genie/get?space_id=abc', { timeoutMs: 200 }));
    expect(error.code).toBe('NETWORK');
    expect(error.detail).toMatch(/did not answer/);
  });

  it('treats a proxy error without JSON (bridge down behind `npm run dev`) as unreachable', async () => {
    server.handle((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad Gateway');
    });
    const error = await failure(getSpace('abc'));
    expect(describeError(error).title).toBe('Cannot reach GenieCanvas server');
  });

  it('calls a 2xx answer that is not JSON an unexpected answer', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html>');
    });
    const error = await failure(getSpace('abc'));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(describeError(error).title).toBe('Unexpected answer from the server');
  });

  it('rejects with an AbortError, not an ApiError, when the caller cancels', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    server.handle((_req, res) => {
      arrived();
      setTimeout(() => sendJson(res, 200, { space_id: 'abc' }), 300);
    });
    const controller = new AbortController();
    const pending = getSpace('abc', controller.signal);
    await inFlight;
    controller.abort();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
  });
});

describe('listSpaces', () => {
  it('sends page size and token and returns the page', async () => {
    server.handle((_req, res) =>
      sendJson(res, 200, { spaces: [{ space_id: 's1', title: 'One' }], next_page_token: 'next' }),
    );
    const page = await listSpaces('tok en', 20);
    expect(page.next_page_token).toBe('next');
    expect(server.requests).toEqual(['/api/genie/spaces?page_size=20&page_token=tok+en']);
  });
});
