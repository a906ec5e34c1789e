/**
 * The drill's security checks are real: each fails against a deliberately broken server or tree
 * and passes against one that does the right thing (a small reference server written here, not
 * the project's server, whose fixes land separately).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DRILL_TOKEN, PLANTED_CASH_CENTS, type ApiFactory } from '../../src/drill/fixtures.js';
import { checkAbsoluteForm, checkCrossSitePost, checkDashboardHeaders, checkForeignHost, checkPercentEncodedPaths, judgeHeaders } from '../../src/drill/security-api.js';
import { checkConstantTimeCompare } from '../../src/drill/security-local.js';
import { findSecrets } from '../../src/drill/secrets.js';

/** Everything open, nothing checked: what every check must catch. */
const broken: ApiFactory = async () => {
  const app = Fastify();
  const doc = { cash_cents: PLANTED_CASH_CENTS };
  app.get('/*', async () => doc);
  app.post('/*', async () => ({ status: 'approved' }));
  return app;
};

/** A reference server that does each thing right (decoded-path auth, origin, host, headers). */
const hardened = (): ApiFactory => async ({ config }) => {
  const app = Fastify();
  const token = config.apiToken;
  app.addHook('onRequest', async (req, reply) => {
    if (!req.raw.url?.startsWith('/')) return reply.code(400).send({ error: 'absolute-form' });
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['localhost', '127.0.0.1'].includes(host)) return reply.code(421).send({ error: 'host' });
    if (req.method === 'POST') {
      if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) return reply.code(403).send({ error: 'origin' });
      if (req.headers['sec-fetch-site'] === 'cross-site') return reply.code(403).send({ error: 'cross-site' });
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return reply.code(415).send({ error: 'type' });
    }
    const path = decodeURIComponent(req.raw.url.split('?')[0]!);
    if (token && path !== '/' && req.headers.authorization !== `Bearer ${token}`) return reply.code(401).send({ error: 'token' });
  });
  app.get('/', async (_req, reply) =>
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; frame-ancestors 'none'").header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').type('text/html').send('<!doctype html>'),
  );
  app.get('/*', async () => ({ cash_cents: PLANTED_CASH_CENTS }));
  app.post('/*', async () => ({ status: 'approved' }));
  return app;
};

describe('security checks catch a broken server and pass a correct one', () => {
  for (const [name, check] of [
    ['percent-encoded paths', checkPercentEncodedPaths],
    ['absolute-form request line', checkAbsoluteForm],
    ['foreign Host', checkForeignHost],
    ['dashboard headers', checkDashboardHeaders],
  ] as const) {
    it(name, async () => {
      const bad = await check(broken);
      expect(bad.ok, bad.detail).toBe(false);
      const good = await check(hardened());
      expect(good.ok, good.detail).toBe(true);
    });
  }

  it('cross-site POST', async () => {
    const bad = await checkCrossSitePost(broken);
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/evil\.example → 200/);
    const good = await checkCrossSitePost(hardened());
    expect(good.ok, good.detail).toBe(true);
  });

  it('header rule: inline scripts allowed, or framing allowed, fails', () => {
    const ok = { 'content-security-policy': "script-src 'self'; frame-ancestors 'none'", 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    expect(judgeHeaders(ok).ok).toBe(true);
    expect(judgeHeaders({ ...ok, 'content-security-policy': "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'" }).ok).toBe(false);
    expect(judgeHeaders({ ...ok, 'content-security-policy': "script-src 'self'" }).ok).toBe(false);
    expect(judgeHeaders({ ...ok, 'content-security-policy': "script-src 'self'", 'x-frame-options': 'DENY' }).ok).toBe(true);
  });
});

describe('static and pure checks', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const source = (text: string): string => {
    const d = mkdtempSync(join(tmpdir(), 'nl-auth-'));
    dirs.push(d);
    writeFileSync(join(d, 'auth.ts'), text);
    return join(d, 'auth.ts');
  };

  it('constant-time compare: a length check before timingSafeEqual fails, digests compared pass', () => {
    const leaky = "import { timingSafeEqual } from 'node:crypto';\nfunction same(a: Buffer, b: Buffer) { return a.length === b.length && timingSafeEqual(a, b); }";
    expect(checkConstantTimeCompare(source(leaky)).ok).toBe(false);
    const good = "import { createHash, timingSafeEqual } from 'node:crypto';\nconst d = (s: string) => createHash('sha256').update(s).digest();\nexport const same = (a: string, b: string) => timingSafeEqual(d(a), d(b));";
    expect(checkConstantTimeCompare(source(good)).ok).toBe(true);
  });

  it('secret search names the secret and where it leaked', () => {
    expect(findSecrets([{ where: 'logs/x.log', text: `token=${DRILL_TOKEN}` }, { where: 'ok', text: 'nothing' }], { NEOLIGHT_API_TOKEN: DRILL_TOKEN })).toEqual(['NEOLIGHT_API_TOKEN in logs/x.log']);
  });
});
