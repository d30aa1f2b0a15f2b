// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteFlow, getFlow, isConflict, isFlowsUnavailable, listFlows, saveFlow } from './flowsApi';
import { toCanvasDocument } from '../canvas/canvasDocument';
import { ApiError } from '../api/ApiError';
import { sendProblem } from '../test/loopbackServer';
import { withFlowsServer } from '../test/flowsContract';

const { server, current } = withFlowsServer();
let contract = current();
beforeEach(() => {
  contract = current();
});

const doc = (name: string, text = 'hello') =>
  toCanvasDocument({ name, nodes: [{ id: 'n', type: 'note', position: { x: 0, y: 0 }, data: { text } }], edges: [] });

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('flows client against the /api/flows contract', () => {
  it('creates with If-None-Match: *, reads back with the ETag, replaces with If-Match, lists and deletes', async () => {
    const first = await saveFlow('Sales flow', doc('Sales flow'), null);
    const read = await getFlow('Sales flow');
    expect(read).toEqual({ document: doc('Sales flow'), revision: first });

    const second = await saveFlow('Sales flow', doc('Sales flow', 'changed'), first);
    expect(second).not.toBe(first);
    expect((await getFlow('Sales flow')).document).toEqual(doc('Sales flow', 'changed'));
    expect(await listFlows()).toEqual([expect.objectContaining({ name: 'Sales flow', revision: second })]);

    await deleteFlow('Sales flow', second);
    expect(await listFlows()).toEqual([]);
    expect((await rejection(getFlow('Sales flow'))).status).toBe(404);
  });

  it('gets 412 FLOW_CONFLICT for a stale revision and for creating a name that exists, and overwrites nothing', async () => {
    const mine = await saveFlow('Shared', doc('Shared', 'mine'), null);
    contract.saveFromElsewhere('Shared', doc('Shared', 'theirs'));

    const stale = await rejection(saveFlow('Shared', doc('Shared', 'mine again'), mine));
    expect(stale).toMatchObject({ status: 412, code: 'FLOW_CONFLICT' });
    expect(isConflict(stale)).toBe(true);
    const exists = await rejection(saveFlow('Shared', doc('Shared', 'new'), null));
    expect(exists.code).toBe('FLOW_CONFLICT');
    expect((await getFlow('Shared')).document).toEqual(doc('Shared', 'theirs'));
  });

  it('sends the name percent-encoded (spaces are allowed in names)', async () => {
    await saveFlow('My first flow', doc('My first flow'), null);
    expect(server.requests).toContain('/api/flows/My%20first%20flow');
  });

  it('tells an absent flows API (404 without the route, 503, no server, a page instead of JSON) from a real error', async () => {
    server.handle((_req, res) => sendProblem(res, 503, 'FLOWS_UNAVAILABLE', 'JetStream is not available.'));
    expect(isFlowsUnavailable(await rejection(listFlows()))).toBe(true);

    server.handle((_req, res) => sendProblem(res, 404, 'NOT_FOUND', 'no route'));
    expect(isFlowsUnavailable(await rejection(listFlows()))).toBe(true);

    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
    });
    expect(isFlowsUnavailable(await rejection(listFlows()))).toBe(true);

    server.handle((_req, res) => {
      // The bridge's status-code page for a method its fallback route does not take.
      res.writeHead(405, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 405, title: 'Method Not Allowed', code: 'INVALID_REQUEST' }));
    });
    expect(isFlowsUnavailable(await rejection(saveFlow('x', doc('x'), null)))).toBe(true);

    server.handle((_req, res) => sendProblem(res, 404, 'NOT_FOUND', 'No flow named x.'));
    expect(isFlowsUnavailable(await rejection(getFlow('x')))).toBe(false);

    server.handle((_req, res) => sendProblem(res, 400, 'INVALID_REQUEST', 'bad name'));
    expect(isFlowsUnavailable(await rejection(saveFlow('x', doc('x'), null)))).toBe(false);
  });
});
