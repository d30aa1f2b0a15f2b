import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach } from 'vitest';
import { sendJson, sendProblem, withLoopbackApi } from './loopbackServer';

/**
 * /api/flows as DESIGN.md v2 says, in memory, for the loopback server: the revision is a counter per bucket (like a
 * JetStream KV revision), the ETag its quoted value; If-None-Match: * creates (201, or 412 when it exists), If-Match
 * replaces (200, or 412 FLOW_CONFLICT when stale), neither is 428 PRECONDITION_REQUIRED; DELETE is 204.
 */
export function flowsContract() {
  const flows = new Map<string, { document: unknown; revision: number; updated: string }>();
  let revision = 0;

  const write = (name: string, document: unknown) => {
    revision++;
    flows.set(name, { document, revision, updated: new Date().toISOString() });
    return revision;
  };

  function handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname === '/api/flows' && req.method === 'GET') {
      sendJson(res, 200, { flows: [...flows].map(([name, f]) => ({ name, revision: String(f.revision), updated: f.updated })) });
      return true;
    }
    const match = /^\/api\/flows\/([^/]+)$/.exec(url.pathname);
    if (!match) return false;
    const name = decodeURIComponent(match[1]!);
    if (!/^[A-Za-z0-9 _-]{1,64}$/.test(name)) {
      sendProblem(res, 400, 'INVALID_REQUEST', 'A flow name is 1–64 of [A-Za-z0-9 _-].');
      return true;
    }
    const current = flows.get(name);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    switch (req.method) {
      case 'GET':
        if (!current) sendProblem(res, 404, 'NOT_FOUND', `No flow named ${name}.`);
        else {
          res.setHeader('ETag', `"${current.revision}"`);
          sendJson(res, 200, current.document);
        }
        return true;
      case 'DELETE':
        if (ifMatch && current && ifMatch !== `"${current.revision}"`) sendProblem(res, 412, 'FLOW_CONFLICT', 'Stale revision.');
        else {
          flows.delete(name);
          res.writeHead(204).end();
        }
        return true;
      case 'PUT': {
        let text = '';
        req.on('data', (chunk: Buffer) => (text += chunk.toString()));
        req.on('end', () => {
          let document: unknown;
          try {
            document = JSON.parse(text);
          } catch {
            sendProblem(res, 400, 'INVALID_REQUEST', 'The body is not JSON.');
            return;
          }
          if (ifNoneMatch === '*') {
            if (current) return sendProblem(res, 412, 'FLOW_CONFLICT', `A flow named ${name} exists already.`);
            res.setHeader('ETag', `"${write(name, document)}"`);
            return sendJson(res, 201, {});
          }
          if (typeof ifMatch === 'string') {
            if (!current || ifMatch !== `"${current.revision}"`) {
              return sendProblem(res, 412, 'FLOW_CONFLICT', 'The flow was saved by someone else since this revision.');
            }
            res.setHeader('ETag', `"${write(name, document)}"`);
            return sendJson(res, 200, {});
          }
          sendProblem(res, 428, 'PRECONDITION_REQUIRED', 'Send If-None-Match: * to create or If-Match to replace.');
        });
        return true;
      }
      default:
        return false;
    }
  }

  /** Another tab's save: a newer revision of `name`. */
  const saveFromElsewhere = (name: string, document: unknown) => write(name, document);
  return { flows, handle, saveFromElsewhere };
}

/**
 * The loopback API of a test file serves the flows contract, fresh before each test; anything else is a 404.
 * Call at the top level of a test file; `current()` is this test's contract.
 */
export function withFlowsServer() {
  const server = withLoopbackApi();
  let contract = flowsContract();
  beforeEach(() => {
    contract = flowsContract();
    server.handle((req, res, url) => {
      if (!contract.handle(req, res, url)) sendProblem(res, 404, 'NOT_FOUND', 'no route');
    });
  });
  return { server, current: () => contract };
}
