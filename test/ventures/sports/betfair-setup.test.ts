/**
 * Betfair credentials come from the config layer, not process.env: secrets redacted, the doctor's
 * check (configured or not, live betting off by default, the missing variable named, a failure only
 * when live mode could not start), and the betting port logging in with the configured values.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, redactConfig, secretValues, type Config } from '../../../src/config/config.js';
import { bettingPort } from '../../../src/mesh/betting-port.js';
import { betfairCheck, betfairSetup } from '../../../src/ventures/sports/betfair/setup.js';

const CREDS = { BETFAIR_API_KEY: 'app-key-123', BETFAIR_USERNAME: 'punter-user', BETFAIR_PASSWORD: 'pw-secret-456' };
const config = (env: Record<string, string>, sections: Record<string, unknown> = {}): Config => ({ ...loadConfig({}, env), sections });

describe('Betfair settings', () => {
  afterEach(() => {
    delete process.env.BETFAIR_USERNAME;
  });

  it('reads the credentials and endpoints through the settings table, redacting the secrets', () => {
    const c = config({ ...CREDS, BETFAIR_LOGIN_URL: 'http://127.0.0.1:9/login', BETFAIR_BETTING_URL: 'http://127.0.0.1:9/betting' });
    expect([c.betfairApiKey, c.betfairUsername, c.betfairPassword, c.betfairLoginUrl, c.betfairBettingUrl]).toEqual(['app-key-123', 'punter-user', 'pw-secret-456', 'http://127.0.0.1:9/login', 'http://127.0.0.1:9/betting']);
    expect(secretValues(c)).toEqual(expect.arrayContaining(Object.values(CREDS)));
    const shown = JSON.stringify(redactConfig(c));
    for (const v of Object.values(CREDS)) expect(shown).not.toContain(v);
    expect(() => loadConfig({}, { BETFAIR_LOGIN_URL: 'ftp://x' })).toThrow(/BETFAIR_LOGIN_URL/);
  });

  it('doctor: configured, with live betting off by default', () => {
    expect(betfairSetup(config(CREDS))).toEqual({ configured: true, missing: [], liveBetting: false, required: false });
    const check = betfairCheck(config({ ...CREDS, NEOLIGHT_MODE: 'live' }));
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(/^configured .*live betting off \(ventures\.sports_betting\.live_betting: false, the default\)/);
    expect(betfairCheck(config(CREDS, { ventures: { sports_betting: { live_betting: true } } })).detail).toMatch(/live betting ON/);
  });

  it('doctor: names the missing variable; fails only when live mode needs Betfair', () => {
    const partial = { BETFAIR_API_KEY: CREDS.BETFAIR_API_KEY, BETFAIR_PASSWORD: CREDS.BETFAIR_PASSWORD };
    const sim = betfairCheck(config(partial));
    expect(sim.ok).toBe(true);
    expect(sim.detail).toMatch(/^not configured \(set BETFAIR_USERNAME for live mode\); in sim mode the sports agents bet on the SIMULATED books/);
    const live = betfairCheck(config({ ...partial, NEOLIGHT_MODE: 'live' }));
    expect(live.ok).toBe(false);
    expect(live.detail).toMatch(/^not configured: set BETFAIR_USERNAME; live mode cannot start the sports agents/);
    // Both sports agents turned off: live mode does not need Betfair.
    const off = config({ ...partial, NEOLIGHT_MODE: 'live' }, { ventures: { sports_analytics: { enabled: false }, sports_betting: { enabled: false } } });
    expect(betfairCheck(off).ok).toBe(true);
  });

  it('the betting port refuses live mode without the configured credential, whatever process.env holds', () => {
    process.env.BETFAIR_USERNAME = 'from-the-environment';
    expect(() => bettingPort(config({ BETFAIR_API_KEY: 'k', BETFAIR_PASSWORD: 'p', NEOLIGHT_MODE: 'live' }))).toThrow(/set BETFAIR_USERNAME/);
  });
});

describe('the betting port logs in with the configured values', () => {
  let server: Server;
  let base = '';
  const seen: { path: string; body: string; appKey: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body, appKey: req.headers['x-application'] as string | undefined });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.url === '/login' ? { token: 'tok', product: 'app', status: 'SUCCESS', error: '' } : []));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('uses BETFAIR_* from the config for the login and the betting endpoint', async () => {
    const c = config({ ...CREDS, NEOLIGHT_MODE: 'live', BETFAIR_LOGIN_URL: `${base}/login`, BETFAIR_BETTING_URL: `${base}/betting` });
    const ex = bettingPort(c).betting;
    expect(ex?.simulated).toBe(false);
    await ex?.listMarkets(Date.parse('2026-11-29T12:00:00Z'));
    expect(seen[0]).toEqual({ path: '/login', body: 'username=punter-user&password=pw-secret-456', appKey: 'app-key-123' });
    expect(seen[1]?.path).toBe('/betting/listMarketCatalogue/');
    expect(seen[1]?.appKey).toBe('app-key-123');
  });
});
