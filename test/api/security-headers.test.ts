/**
 * Every response of the API and dashboard carries a CSP without inline code that no page may frame,
 * nosniff, no referrer and X-Frame-Options: DENY — refusals, errors and the event stream included.
 * The CSP is checked against the real dashboard build when it exists: no inline script or style.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, listenLocal, TOKEN } from './fixture.js';

const fx = createFixture();
let open: FastifyInstance;
let secured: FastifyInstance;

beforeAll(async () => {
  open = await fx.server();
  secured = await fx.server({ apiHost: '0.0.0.0' }, { NEOLIGHT_API_TOKEN: TOKEN });
});
afterAll(() => fx.cleanup());

function expectSecurityHeaders(h: Record<string, unknown>, what: string): void {
  const csp = String(h['content-security-policy'] ?? '');
  const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  expect(directive('frame-ancestors'), what).toBe("frame-ancestors 'none'");
  expect(directive('script-src'), what).toBe("script-src 'self'");
  expect(directive('style-src'), what).toBe("style-src 'self'");
  expect(directive('default-src'), what).toBe("default-src 'self'");
  expect(csp, what).not.toContain('unsafe');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('no-referrer');
}

describe('security headers', () => {
  it('are on answers, files, errors and refusals', async () => {
    const cases: [FastifyInstance, InjectOptions, number][] = [
      [open, { url: '/status' }, 200],
      [open, { url: '/' }, 200],
      [open, { url: '/assets/app.js' }, 200],
      [open, { url: '/healthz' }, 200],
      [open, { url: '/metrics' }, 200],
      [open, { url: '/api/documents/nope' }, 404],
      [open, { method: 'POST', url: '/nope', payload: {} }, 404],
      [open, { url: '/api/ledgers/pnl_history?limit=0' }, 400],
      [open, { method: 'POST', url: '/api/approvals/a1/approve' }, 403],
      [open, { url: '/status', headers: { host: 'attacker.example' } }, 421],
      [secured, { url: '/status' }, 401],
    ];
    for (const [app, req, status] of cases) {
      const r = await app.inject(req);
      const what = `${req.method ?? 'GET'} ${req.url}`;
      expect(r.statusCode, what).toBe(status);
      expectSecurityHeaders(r.headers, what);
    }
  });

  it('are on the event stream, whose reply is written by hand', async () => {
    const port = await listenLocal(await fx.server());
    const ctrl = new AbortController();
    const r = await fetch(`http://127.0.0.1:${port}/events`, { signal: ctrl.signal });
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(Object.fromEntries(r.headers), '/events');
    ctrl.abort();
  });
});

const dist = resolve(import.meta.dirname, '../../web/dist');
describe.skipIf(!existsSync(join(dist, 'index.html')))('the built dashboard fits the CSP', () => {
  it('has no inline script, inline style or event-handler attribute', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    // Assets load from this origin only.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//i);
    const css = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css'));
    for (const f of css) expect(readFileSync(join(dist, 'assets', f), 'utf8')).not.toMatch(/url\(\s*['"]?(?:https?:|\/\/|data:)/i);
  });
});
