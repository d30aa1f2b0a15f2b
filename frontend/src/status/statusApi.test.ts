// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fetchServiceStatus } from './statusApi';
import { setApiBaseUrl } from '../api/client';
import { sendJson, startLoopbackServer, withLoopbackApi } from '../test/loopbackServer';

const server = withLoopbackApi();

describe('fetchServiceStatus', () => {
  it('is ready with the responder count', async () => {
    server.handle((_req, res, url) =>
      url.pathname === '/health/ready'
        ? sendJson(res, 200, { status: 'ready' })
        : sendJson(res, 200, { nats: 'connected', responders: [{ id: 'a' }, { id: 'b' }] }),
    );
    expect(await fetchServiceStatus()).toEqual({ ready: true, responders: 2, nats: 'connected' });
  });

  it('is not ready with the server’s reason on 503', async () => {
    server.handle((_req, res, url) =>
      url.pathname === '/health/ready'
        ? sendJson(res, 503, { status: 'not ready', reason: 'no genie responder answered $SRV.PING.genie' })
        : sendJson(res, 200, { nats: 'connected', responders: [] }),
    );
    expect(await fetchServiceStatus()).toEqual({
      ready: false,
      reason: 'no genie responder answered $SRV.PING.genie',
      responders: 0,
      nats: 'connected',
    });
  });

  it('says the server cannot be reached when nothing answers', async () => {
    const gone = await startLoopbackServer();
    await gone.close();
    setApiBaseUrl(gone.url);
    try {
      expect(await fetchServiceStatus()).toEqual({ ready: false, reason: 'Cannot reach GenieCanvas server' });
    } finally {
      setApiBaseUrl(server.url);
    }
  });
});
