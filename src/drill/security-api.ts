/**
 * Issue 17's API defects as checks against a status server built by a factory: (1) percent-encoded
 * paths past the token, (2) an absolute-form request line past the token, (4) cross-site POSTs to
 * approvals, (5) a foreign Host header, (6) the dashboard's security headers. Each returns pass or
 * fail with what it saw.
 */
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { APPROVAL_ID, apiConfig, fakeSupervisor, injectWithin, plantDocuments, realApi, type ApiFactory } from './fixtures.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function withServer<T>(exposed: boolean, factory: ApiFactory, fn: (app: FastifyInstance, home: string) => Promise<T>): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'neolight-drill-sec-'));
  plantDocuments(home);
  const app = await factory({ config: apiConfig(home, exposed), supervisor: fakeSupervisor });
  try {
    await app.ready();
    return await fn(app, home);
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export const ENCODED_PATHS: readonly { method: 'GET' | 'POST'; url: string }[] = [
  { method: 'GET', url: '/%61pi/documents/smart_trader_state' },
  { method: 'GET', url: '/%73tatus' },
  { method: 'GET', url: '/metric%73' },
  { method: 'GET', url: '/%65vents' },
  { method: 'POST', url: `/%61pi/approvals/${APPROVAL_ID}/approve` },
];

/** (1) With a token configured, a percent-encoded spelling of a protected path gets 401. */
export async function checkPercentEncodedPaths(factory: ApiFactory = realApi): Promise<CheckResult> {
  return withServer(true, factory, async (app) => {
    const bad: string[] = [];
    for (const p of ENCODED_PATHS) {
      const r = await injectWithin(app, { method: p.method, url: p.url, headers: p.method === 'POST' ? { 'content-type': 'application/json' } : {}, payload: p.method === 'POST' ? '{}' : undefined });
      const status = r === 'timeout' ? 'an open stream (no answer in 5 s)' : r.statusCode;
      if (status !== 401) bad.push(`${p.method} ${p.url} → ${status}`);
    }
    return { name: 'percent_encoded_path', ok: bad.length === 0, detail: bad.length ? `not 401 without the token: ${bad.join('; ')}` : `${ENCODED_PATHS.length} encoded paths answered 401` };
  });
}

/** Send raw bytes to a listening server and return the status line. */
export async function rawRequest(port: number, text: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    const done = (s: string): void => {
      clearTimeout(t);
      sock.destroy();
      resolve(s);
    };
    const t = setTimeout(() => done(buf.split('\r\n')[0] || '(no answer: hang)'), timeoutMs);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n\r\n')) done(buf.split('\r\n')[0]!);
    });
    sock.on('error', (err) => done(`(socket error: ${err.message})`));
    sock.on('close', () => done(buf.split('\r\n')[0] || '(closed without an answer)'));
    sock.write(text);
  });
}

/** (2) `GET http://127.0.0.1/status HTTP/1.1` without a token gets 401 from a token-protected server. */
export async function checkAbsoluteForm(factory: ApiFactory = realApi): Promise<CheckResult> {
  return withServer(true, factory, async (app) => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const bad: string[] = [];
    for (const target of ['http://127.0.0.1/status', `http://127.0.0.1:${port}/api/documents/smart_trader_state`, 'http://127.0.0.1/metrics']) {
      const line = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      if (!/^HTTP\/1\.[01] (401|400)\b/.test(line)) bad.push(`GET ${target} → ${line}`);
    }
    return { name: 'absolute_form_request_line', ok: bad.length === 0, detail: bad.length ? `answered without the token: ${bad.join('; ')}` : 'absolute-form request lines refused (401/400)' };
  });
}

/** (4) A cross-site POST (foreign Origin, or a text/plain body a form can send) is refused and the item stays pending. */
export async function checkCrossSitePost(factory: ApiFactory = realApi): Promise<CheckResult> {
  return withServer(false, factory, async (app, home) => {
    const url = `/api/approvals/${APPROVAL_ID}/approve`;
    const bad: string[] = [];
    const evil = await answer(app, { method: 'POST', url, headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, payload: '{}' });
    if (evil.statusCode !== 403) bad.push(`Origin https://evil.example → ${evil.statusCode} (want 403)`);
    const plain = await answer(app, { method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: '{}' });
    if (plain.statusCode !== 403 && plain.statusCode !== 415) bad.push(`text/plain body → ${plain.statusCode} (want 403 or 415)`);
    const site = await answer(app, { method: 'POST', url, headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, payload: '{}' });
    if (site.statusCode !== 403) bad.push(`Sec-Fetch-Site cross-site → ${site.statusCode} (want 403)`);
    const doc = JSON.parse(readFileSync(join(home, 'state', 'approvals.json'), 'utf8')) as { items: { id: string; status: string }[] };
    const status = doc.items.find((i) => i.id === APPROVAL_ID)?.status;
    if (status !== 'pending') bad.push(`the approval is now "${status}"`);
    return { name: 'cross_site_post', ok: bad.length === 0, detail: bad.length ? bad.join('; ') : 'cross-site POSTs refused with 403/415; the approval stayed pending' };
  });
}

/** (5) A request naming a foreign Host (DNS rebinding) is refused and gets no document. */
export async function checkForeignHost(factory: ApiFactory = realApi): Promise<CheckResult> {
  return withServer(false, factory, async (app) => {
    const bad: string[] = [];
    for (const url of ['/status', '/api/documents/smart_trader_state']) {
      const r = await answer(app, { method: 'GET', url, headers: { host: 'attacker.example' } });
      if (r.statusCode < 400 || r.statusCode >= 500) bad.push(`GET ${url} with Host attacker.example → ${r.statusCode}`);
    }
    return { name: 'foreign_host', ok: bad.length === 0, detail: bad.length ? bad.join('; ') : 'Host: attacker.example refused' };
  });
}

/** (6) Dashboard responses carry CSP (no 'unsafe-inline' scripts), framing denial, nosniff and no-referrer. */
export async function checkDashboardHeaders(factory: ApiFactory = realApi): Promise<CheckResult> {
  return withServer(false, factory, async (app) => {
    const r = await answer(app, { method: 'GET', url: '/' });
    return { name: 'dashboard_headers', ...judgeHeaders(r.headers) };
  });
}

/** The header rule of check 6, pure. */
export function judgeHeaders(h: Record<string, unknown>): { ok: boolean; detail: string } {
  const get = (k: string): string => String(h[k] ?? '');
  const csp = get('content-security-policy');
  const problems: string[] = [];
  const directive = (name: string): string | undefined => csp.split(';').map((d) => d.trim()).find((d) => d.toLowerCase().startsWith(`${name} `) || d.toLowerCase() === name);
  const script = directive('script-src') ?? directive('default-src');
  if (!csp) problems.push('no Content-Security-Policy');
  else if (!script) problems.push('CSP has neither script-src nor default-src');
  else if (script.includes("'unsafe-inline'")) problems.push(`CSP allows inline scripts: ${script}`);
  const frames = directive('frame-ancestors');
  if (get('x-frame-options').toUpperCase() !== 'DENY' && !(frames && frames.includes("'none'"))) problems.push('neither X-Frame-Options DENY nor frame-ancestors \'none\'');
  if (get('x-content-type-options').toLowerCase() !== 'nosniff') problems.push('no X-Content-Type-Options nosniff');
  if (get('referrer-policy').toLowerCase() !== 'no-referrer') problems.push('no Referrer-Policy no-referrer');
  return { ok: problems.length === 0, detail: problems.length ? problems.join('; ') : 'CSP, framing, nosniff and referrer headers present' };
}

/** inject with a deadline; a hang reads as status 0 so every rule above counts it as a failure. */
async function answer(app: FastifyInstance, opts: InjectOptions): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }> {
  const r = await injectWithin(app, opts);
  return r === 'timeout' ? { statusCode: 0, body: '', headers: {} } : r;
}
