/**
 * The fuzz corpus, as fast-check arbitraries: arbitrary JSON for the contract schemas, and HTTP
 * requests aimed at the status API's routes — encoded and traversing paths, unicode, huge and
 * deep bodies, NaN/Infinity literals, with and without the token.
 */
import fc from 'fast-check';
import { CONTRACTS } from '../contracts/index.js';
import { APPROVAL_ID } from './fixtures.js';

export const ROUTES = [
  '/status', '/metrics', '/healthz', '/events', '/api/approvals', `/api/approvals/${APPROVAL_ID}/approve`, `/api/approvals/${APPROVAL_ID}/reject`,
  '/api/documents/smart_trader_state', '/api/documents/approvals', '/api/ledgers/pnl_history', '/api/agents/smart_trader/log', '/api/repairs', '/', '/index.html',
] as const;

const TRAVERSALS = ['/../state/smart_trader_state.json', '/api/agents/..%2f..%2fstate%2fsmart_trader_state/log', '/api/documents/..%2fsmart_trader_state', '/%2e%2e/%2e%2e/etc/passwd', '/api/ledgers/%2e%2e%2fpnl_history', '//status', '/status/', '/STATUS', '/api//documents/smart_trader_state', '/api/documents/smart_trader_state%00', '/api/agents/smart_trader%2F..%2F..%2Fneolight.config.json/log'];

/** Percent-encode a random subset of a path's characters (the bypass of issue 17's first defect). */
const encodeSome = (path: string, mask: readonly boolean[]): string =>
  [...path].map((ch, i) => (ch !== '/' && mask[i % mask.length] ? `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch)).join('');

export const pathArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ROUTES),
  fc.tuple(fc.constantFrom(...ROUTES), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 })).map(([p, m]) => encodeSome(p, m)),
  fc.constantFrom(...TRAVERSALS),
  fc.tuple(fc.constantFrom(...ROUTES), fc.string({ maxLength: 20 })).map(([p, s]) => `${p}?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
  fc.tuple(fc.constantFrom('/api/documents/', '/api/ledgers/', '/api/agents/', '/api/approvals/'), fc.string({ unit: 'binary', maxLength: 30 })).map(([p, s]) => p + encodeURIComponent(s)),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  fc.constantFrom('/api/ledgers/pnl_history?limit=NaN', '/api/ledgers/pnl_history?limit=Infinity', '/api/ledgers/pnl_history?limit=-1', '/api/ledgers/pnl_history?limit=1e309', '/api/agents/smart_trader/log?lines=99999999999999999999', '/api/ledgers/pnl_history?limit=1&limit=2'),
);

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

export const bodyArb: fc.Arbitrary<{ type: string; payload: string } | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.json().map((j) => ({ type: 'application/json', payload: j })),
  fc.constantFrom('{"reason": NaN}', '{"reason": Infinity}', '{"reason": -Infinity}', '{"reason": 1e999}', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {"x": 1}}}', '{"reason": "\\ud800"}', '{', 'null', '"str"', '[]').map((p) => ({ type: 'application/json', payload: p })),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => ({ type: 'application/json', payload: deep(n) })),
  fc.integer({ min: 1, max: 3 }).map((mb) => ({ type: 'application/json', payload: JSON.stringify({ reason: 'x'.repeat(mb * 1024 * 1024) }) })),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => ({ type: 'application/json', payload: JSON.stringify({ reason: s }) })),
  fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-16', 'application/xml'), fc.string({ maxLength: 100 })).map(([type, payload]) => ({ type, payload })),
);

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
  url: string;
  withToken: boolean;
  body: { type: string; payload: string } | undefined;
  extraHeader: [string, string] | undefined;
}

export const requestArb: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  url: pathArb,
  withToken: fc.boolean(),
  body: bodyArb,
  extraHeader: fc.option(
    fc.constantFrom<[string, string]>(['authorization', 'Bearer '], ['authorization', 'bearer drill-token-0123456789abcdef'], ['authorization', 'Basic Zm9vOmJhcg=='], ['x-forwarded-for', '1.2.3.4'], ['origin', 'null'], ['accept', 'text/event-stream'], ['content-length', '0'], ['host', 'localhost:8100']),
    { nil: undefined },
  ),
});

/** Arbitrary JSON values and texts for the contract schemas. */
export const contractInputArb = fc.record({
  contract: fc.integer({ min: 0, max: CONTRACTS.length - 1 }),
  text: fc.oneof(fc.json(), fc.anything().map((v) => { try { return JSON.stringify(v) ?? 'null'; } catch { return '{}'; } }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('{"updated_at":"2026-01-01T00:00:00Z"}', '1e400', '{"a":NaN}', '')),
});

/** CSV cells for a ledger row: numbers, NaN, Infinity, empty, quotes, huge values. */
export const csvCellArb = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'NaN', 'Infinity', '-Infinity', '1e308', '1e309', '-0', '0x10', ' 1 ', '"', '""', '\\n', '2026-01-01T00:00:00Z', 'buy', 'sim'), fc.double().map(String));
