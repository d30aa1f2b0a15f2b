import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { setApiBaseUrl } from '../api/client';

export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

/** A real HTTP server on 127.0.0.1 with a random port, so the API client is tested over real fetch and sockets. */
export interface LoopbackServer {
  url: string;
  /** Paths (with query) the server was asked for, in order. */
  requests: string[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  let handler: Handler = (_req, res) => {
    res.statusCode = 500;
    res.end();
  };
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}

/** A ProblemDetails answer as the bridge writes it. */
export function sendProblem(res: ServerResponse, status: number, code: string, detail: string): void {
  sendJson(res, status, { status, title: code, detail, code, requestId: 'req-42' }, 'application/problem+json');
}

/**
 * The API of this test file points at a loopback server: started before all tests, its request log cleared before
 * each, closed (and the API reset) after all. Call at the top level of a test file.
 */
export function withLoopbackApi(): LoopbackServer {
  let server: LoopbackServer | undefined;
  const current = () => server ?? (() => { throw new Error('the loopback server is not started yet'); })();
  beforeAll(async () => {
    server = await startLoopbackServer();
    setApiBaseUrl(server.url);
  });
  beforeEach(() => {
    current().requests.length = 0;
  });
  afterAll(async () => {
    setApiBaseUrl('');
    await server?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    handle: (handler) => current().handle(handler),
    close: () => current().close(),
  };
}
