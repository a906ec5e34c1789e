/**
 * Cross-site request forgery: with no token on loopback, a page on any site could send a "simple"
 * POST to approve a purchase. Mutating requests need Content-Type: application/json and, when the
 * browser names their origin, this server's own origin; Sec-Fetch-Site other than same-origin/none
 * is refused. Each refusal is 403 with a JSON error whose `reason` names the rule.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationRefusal, sameOrigin } from '../../src/api/cross-site.js';
import { createFixture } from './fixture.js';

const fx = createFixture();
let app: FastifyInstance;
const HOST = '127.0.0.1:8100';

beforeAll(async () => {
  app = await fx.server();
});
afterAll(() => fx.cleanup());

const approve = (headers: Record<string, string>, payload?: string) => app.inject({ method: 'POST', url: '/api/approvals/a1/approve', headers: { host: HOST, ...headers }, ...(payload === undefined ? {} : { payload }) });

describe('mutating requests from other sites', () => {
  it.each([
    ['an empty body without a content type', {}, undefined, 'content_type'],
    ['text/plain (a CORS simple request)', { 'content-type': 'text/plain' }, '{}', 'content_type'],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 'reason=x', 'content_type'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 'content_type'],
    ['JSON from another origin', { 'content-type': 'application/json', origin: 'http://attacker.example' }, '{}', 'origin'],
    ['JSON from an opaque origin', { 'content-type': 'application/json', origin: 'null' }, '{}', 'origin'],
    ['JSON from another port of the same host', { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' }, '{}', 'origin'],
    ['JSON marked cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, '{}', 'sec_fetch_site'],
    ['JSON marked same-site', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, '{}', 'sec_fetch_site'],
  ] as const)('refuses %s with 403 and decides nothing', async (_what, headers, payload, reason) => {
    const r = await approve(headers, payload);
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'NL_ERR_FORBIDDEN', reason });
    expect(fx.approvalStatus('a1')).toBe('pending');
  });

  it('accepts the dashboard: JSON from its own origin (what a browser sends on fetch)', async () => {
    const r = await approve({ 'content-type': 'application/json', origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' }, '{"reason":"ok"}');
    expect(r.statusCode).toBe(200);
    expect(fx.approvalStatus('a1')).toBe('approved');
    // A CLI or script sends neither Origin nor Sec-Fetch-Site: JSON is enough.
    expect((await app.inject({ method: 'POST', url: '/api/approvals/a2/reject', payload: {} })).statusCode).toBe(200);
    expect(fx.approvalStatus('a2')).toBe('rejected');
  });

  it('leaves GET and HEAD alone', async () => {
    expect((await app.inject({ url: '/api/approvals', headers: { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(200);
  });
});

describe('the rule itself', () => {
  it('compares scheme-default ports like a browser', () => {
    expect(sameOrigin('http://127.0.0.1:8100', '127.0.0.1:8100')).toBe(true);
    expect(sameOrigin('http://localhost', 'localhost:80')).toBe(true);
    expect(sameOrigin('https://neolight.example', 'neolight.example')).toBe(true);
    expect(sameOrigin('http://[::1]:8100', '[::1]:8100')).toBe(true);
    expect(sameOrigin('http://localhost:8101', 'localhost:8100')).toBe(false);
    expect(sameOrigin('https://neolight.example', 'neolight.example:8100')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:8100/path', '127.0.0.1:8100')).toBe(false);
    expect(sameOrigin('file://', '127.0.0.1:8100')).toBe(false);
  });

  it('applies to every method but GET and HEAD', () => {
    const none = { contentType: undefined, origin: undefined, secFetchSite: undefined };
    expect(mutationRefusal('GET', none, HOST)).toBeNull();
    expect(mutationRefusal('HEAD', none, HOST)).toBeNull();
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(mutationRefusal(m, none, HOST)?.reason).toBe('content_type');
    expect(mutationRefusal('POST', { ...none, contentType: 'application/json; charset=utf-8' }, HOST)).toBeNull();
    expect(mutationRefusal('POST', { ...none, contentType: 'application/json', secFetchSite: 'none' }, HOST)).toBeNull();
  });
});
