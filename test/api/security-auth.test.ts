/**
 * The token is checked on the route the router matched, deny by default: a percent-encoded path
 * (`/%61pi/...`, which the router decodes) or an absolute-form request line (`GET http://h/status`)
 * reaches a protected route and so needs the token; only routes marked public skip it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, listenLocal, rawRequest, TOKEN } from './fixture.js';

const fx = createFixture();
let app: FastifyInstance;
let port: number;
const bearer = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  app = await fx.server({ apiHost: '0.0.0.0' }, { NEOLIGHT_API_TOKEN: TOKEN });
  port = await listenLocal(app);
});
afterAll(() => fx.cleanup());

const ENCODED_GETS = [
  '/%61pi/documents/atlas_brain',
  '/%73tatus',
  '/metric%73',
  '/%61pi/ledgers/pnl_history',
  '/%61pi/agents/smart_trader/log',
  '/%61pi/approvals',
  '/%61pi/repairs',
  '/api/documents/%61tlas_brain',
];

describe('token on the matched route', () => {
  it.each(ENCODED_GETS)('GET %s without the token is 401', async (url) => {
    const r = await app.inject({ url });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    expect(r.json().error.code).toBe('NL_ERR_UNAUTHORIZED');
  });

  it('GET /%65vents without the token is 401, not an open event stream', async () => {
    const r = await rawRequest(port, 'GET /%65vents HTTP/1.1\r\nHost: 127.0.0.1');
    expect(r.status).toBe(401);
    expect(r.text).not.toContain('text/event-stream');
  });

  it('the router decodes the same paths, so with the token they are served', async () => {
    expect((await app.inject({ url: '/%61pi/documents/atlas_brain', headers: bearer })).json()).toMatchObject({ risk_scaler: 0.8 });
    expect((await app.inject({ url: '/%73tatus', headers: bearer })).statusCode).toBe(200);
  });

  it('POST /%61pi/approvals/ID/approve without the token is 401 and decides nothing', async () => {
    const r = await app.inject({ method: 'POST', url: '/%61pi/approvals/a1/approve', payload: {} });
    expect(r.statusCode).toBe(401);
    expect(fx.approvalStatus('a1')).toBe('pending');
    const ok = await app.inject({ method: 'POST', url: '/%61pi/approvals/a1/approve', payload: {}, headers: bearer });
    expect(ok.statusCode).toBe(200);
    expect(fx.approvalStatus('a1')).toBe('approved');
  });

  it('an absolute-form request line needs the token too (raw socket)', async () => {
    const anon = await rawRequest(port, 'GET http://127.0.0.1/status HTTP/1.1\r\nHost: 127.0.0.1');
    expect(anon.status).toBe(401);
    expect(anon.text).toContain('NL_ERR_UNAUTHORIZED');
    const encoded = await rawRequest(port, 'GET http://127.0.0.1/%61pi/documents/atlas_brain HTTP/1.1\r\nHost: 127.0.0.1');
    expect(encoded.status).toBe(401);
    const authed = await rawRequest(port, `GET http://127.0.0.1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}`);
    expect(authed.status).toBe(200);
  });

  it('denies by default: unknown paths, HEAD and other methods need the token; only the dashboard and /healthz are public', async () => {
    expect((await app.inject({ method: 'POST', url: '/nope', payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'HEAD', url: '/status' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/api/approvals' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/assets/app.js' })).statusCode).toBe(200);
    // The dashboard's catch-all file route serves files only: an unknown path is a plain 404.
    const missing = await app.inject({ url: '/status/' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('guardian');
  });

  it('takes ?token= only on /events, and a wrong token of any length is 401', async () => {
    expect((await app.inject({ url: `/status?token=${TOKEN}` })).statusCode).toBe(401);
    for (const wrong of ['x', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      expect((await app.inject({ url: '/status', headers: { authorization: `Bearer ${wrong}` } })).statusCode).toBe(401);
    }
    const ctrl = new AbortController();
    const live = await fetch(`http://127.0.0.1:${port}/events?token=${TOKEN}`, { signal: ctrl.signal });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    ctrl.abort();
    const refused = await fetch(`http://127.0.0.1:${port}/events?token=wrong-token-wrong-token`);
    expect(refused.status).toBe(401);
  });
});
