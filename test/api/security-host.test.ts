/**
 * DNS rebinding: the API answers only Host names it serves — 127.0.0.1, localhost, [::1], the
 * configured host and NEOLIGHT_API_ALLOWED_HOSTS, on any port — or, with a token set, a request
 * carrying the token. Anything else is 421 with a JSON error; /healthz answers any Host.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createFixture, listenLocal, rawRequest, TOKEN } from './fixture.js';

const fx = createFixture();
afterAll(() => fx.cleanup());
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('Host check', () => {
  it('on loopback answers the loopback names only', async () => {
    const app = await fx.server();
    for (const host of ['127.0.0.1', '127.0.0.1:8100', 'localhost:8100', 'LOCALHOST', '[::1]:8100', '[::1]']) {
      expect((await app.inject({ url: '/status', headers: { host } })).statusCode, host).toBe(200);
    }
    for (const url of ['/status', '/', '/api/approvals', '/assets/app.js']) {
      const r = await app.inject({ url, headers: { host: 'attacker.example' } });
      expect(r.statusCode, url).toBe(421);
      expect(r.json().error).toMatchObject({ code: 'NL_ERR_HOST_NOT_ALLOWED', reason: 'host_not_allowed' });
    }
    for (const host of ['attacker.example:8100', '127.0.0.1.attacker.example', 'localhost.', '0.0.0.0:8100']) {
      expect((await app.inject({ url: '/status', headers: { host } })).statusCode, host).toBe(421);
    }
    const post = await app.inject({ method: 'POST', url: '/api/approvals/a3/approve', headers: { host: 'attacker.example' }, payload: {} });
    expect(post.statusCode).toBe(421);
    expect(fx.approvalStatus('a3')).toBe('pending');
    expect((await app.inject({ url: '/healthz', headers: { host: 'attacker.example' } })).json()).toEqual({ ok: true });
  });

  it('checks the authority of an absolute-form request line and a missing Host (raw socket)', async () => {
    const port = await listenLocal(await fx.server());
    expect((await rawRequest(port, 'GET http://attacker.example/status HTTP/1.1\r\nHost: 127.0.0.1')).status).toBe(421);
    expect((await rawRequest(port, `GET http://127.0.0.1:${port}/status HTTP/1.1\r\nHost: 127.0.0.1`)).status).toBe(200);
    expect((await rawRequest(port, 'GET /status HTTP/1.0')).status).toBe(421);
  });

  it('bound to 0.0.0.0 answers the allow-list, and any Host for a request with the token', async () => {
    const app = await fx.server({ apiHost: '0.0.0.0' }, { NEOLIGHT_API_TOKEN: TOKEN, NEOLIGHT_API_ALLOWED_HOSTS: 'neolight.example, 192.168.1.20' });
    expect((await app.inject({ url: '/', headers: { host: 'neolight.example:8100' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/status', headers: { host: '192.168.1.20:8100', ...bearer } })).statusCode).toBe(200);
    // An allowed host still needs the token for protected routes.
    expect((await app.inject({ url: '/status', headers: { host: 'neolight.example' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/', headers: { host: 'other.example' } })).statusCode).toBe(421);
    expect((await app.inject({ url: '/status', headers: { host: 'other.example' } })).statusCode).toBe(421);
    expect((await app.inject({ url: '/status', headers: { host: 'other.example', authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(421);
    expect((await app.inject({ url: '/status', headers: { host: 'other.example', ...bearer } })).statusCode).toBe(200);
  });

  it('answers the configured bind host', async () => {
    const app = await fx.server({ apiHost: '10.1.2.3' }, { NEOLIGHT_API_TOKEN: TOKEN });
    expect((await app.inject({ url: '/', headers: { host: '10.1.2.3:8100' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: { host: '10.1.2.4:8100' } })).statusCode).toBe(421);
  });
});

describe('NEOLIGHT_API_ALLOWED_HOSTS', () => {
  it('is a comma-separated list of host names, lower-cased; a port, scheme or path is a config error naming the variable', () => {
    expect(loadConfig({ home: fx.home }, { NEOLIGHT_API_ALLOWED_HOSTS: 'Neolight.Example, [::1],10.0.0.5' }).apiAllowedHosts).toEqual(['neolight.example', '[::1]', '10.0.0.5']);
    expect(loadConfig({ home: fx.home }, {}).apiAllowedHosts).toBeUndefined();
    for (const bad of ['neolight.example:8100', 'http://neolight.example', 'a/b', ',']) {
      expect(() => loadConfig({ home: fx.home }, { NEOLIGHT_API_ALLOWED_HOSTS: bad }), bad).toThrow(/NEOLIGHT_API_ALLOWED_HOSTS/);
    }
  });
});
