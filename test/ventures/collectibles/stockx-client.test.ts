/**
 * The StockX client against a fake StockX Public API on 127.0.0.1 (port 0) that answers as the
 * OpenAPI documents: both credentials checked on every request, listings created, repriced, read
 * and deleted as asynchronous operations; plus a 429 with Retry-After, a 401 and malformed bodies,
 * each a clear error that loses no state (a refused request creates nothing; the next one works).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { stockxClient, stockxClientFromConfig, type StockxClient } from '../../../src/ventures/collectibles/stockx-client.js';
import { retryAfterMs } from '../../../src/ventures/shared/venue-http.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => boolean;

let server: Server;
let base = '';
const listings = new Map<string, { amount: string; variantId: string; status: string }>();
const seen: { method: string; url: string; apiKey: string | undefined; auth: string | undefined; body: string }[] = [];
/** Answers queued ahead of the documented behaviour (a 429, a 401, a malformed body). */
const queued: Handler[] = [];
const sleeps: number[] = [];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
  return true;
}

const op = (listingId: string, type: string) => ({ listingId, operationId: `op-${seen.length}`, operationType: type, operationStatus: 'PENDING', operationInitiatedBy: 'USER', operationInitiatedVia: 'PUBLIC-API', operationCreatedAt: '2026-01-05T00:00:00.000Z', operationUpdatedAt: '2026-01-05T00:00:00.000Z', changes: {}, error: null });

function documented(req: IncomingMessage, body: string, res: ServerResponse): void {
  if (req.headers['x-api-key'] !== 'key-1' || req.headers.authorization !== 'Bearer token-1') {
    json(res, 401, { statusCode: 401, message: 'Unauthorized' });
    return;
  }
  const url = new URL(req.url!, base);
  const m = /^\/v2\/selling\/listings(?:\/([^/]+))?$/.exec(url.pathname);
  if (req.method === 'GET' && /^\/v2\/catalog\/products\/p-1\/variants\/v-1\/market-data$/.test(url.pathname)) {
    json(res, 200, { productId: 'p-1', variantId: 'v-1', currencyCode: 'USD', lowestAskAmount: '212', highestBidAmount: '190.5', sellFasterAmount: '209', earnMoreAmount: '220', flexLowestAskAmount: null });
  } else if (m && req.method === 'POST' && !m[1]) {
    const b = JSON.parse(body) as { amount: string; variantId: string };
    const id = `lst-${listings.size + 1}`;
    listings.set(id, { amount: b.amount, variantId: b.variantId, status: 'ACTIVE' });
    json(res, 201, op(id, 'CREATE'));
  } else if (m?.[1] && listings.has(m[1])) {
    const l = listings.get(m[1])!;
    if (req.method === 'PATCH') json(res, 200, op(m[1], 'UPDATE'), void (l.amount = (JSON.parse(body) as { amount: string }).amount));
    else if (req.method === 'DELETE') json(res, 200, op(m[1], 'DELETE'), void (l.status = 'DELETED'));
    else json(res, 200, { listingId: m[1], status: l.status, amount: l.amount, currencyCode: 'USD', inventoryType: 'STANDARD' });
  } else json(res, 404, { statusCode: 404, message: 'Not found' });
}

beforeEach(async () => {
  listings.clear();
  seen.length = 0;
  queued.length = 0;
  sleeps.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, apiKey: req.headers['x-api-key'] as string | undefined, auth: req.headers.authorization, body });
      const next = queued.shift();
      if (!next || !next(req, body, res)) documented(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

const client = (over: Partial<Parameters<typeof stockxClient>[0]> = {}): StockxClient =>
  stockxClient({ baseUrl: `${base}/v2`, apiKey: 'key-1', accessToken: 'token-1', sleep: async (ms) => void sleeps.push(ms), ...over });

async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}

describe('StockX client', () => {
  it('reads market data and runs a listing through create, reprice, read and delete with both credentials', async () => {
    const c = client();
    expect(await c.variantMarketData('p-1', 'v-1')).toEqual({ lowestAskCents: 21_200, highestBidCents: 19_050, sellFasterCents: 20_900, earnMoreCents: 22_000 });
    const created = await c.createListing('v-1', 21_999);
    expect(created).toMatchObject({ listingId: 'lst-1', operationStatus: 'PENDING' });
    expect(JSON.parse(seen[1]!.body)).toEqual({ amount: '219.99', variantId: 'v-1', currencyCode: 'USD' });
    await c.updateListing('lst-1', 20_500);
    expect(await c.getListing('lst-1')).toEqual({ listingId: 'lst-1', status: 'ACTIVE', amountCents: 20_500 });
    await c.deleteListing('lst-1');
    expect((await c.getListing('lst-1')).status).toBe('DELETED');
    expect(seen.every((s) => s.apiKey === 'key-1' && s.auth === 'Bearer token-1')).toBe(true);
  });

  it('waits out a 429 for its Retry-After and creates the listing once', async () => {
    queued.push((_q, _b, res) => json(res, 429, { statusCode: 429, message: 'Too Many Requests' }, { 'retry-after': '3' }));
    const l = await client().createListing('v-1', 15_000);
    expect(sleeps).toEqual([3_000]);
    expect(l.listingId).toBe('lst-1');
    expect([...listings.keys()]).toEqual(['lst-1']);
  });

  it('gives up after its retries with a rate_limited error carrying the wait, having created nothing', async () => {
    for (let i = 0; i < 3; i++) queued.push((_q, _b, res) => json(res, 429, { statusCode: 429, message: 'Too Many Requests' }, { 'retry-after': '7' }));
    const e = await failure(client({ rateLimitRetries: 2 }).createListing('v-1', 15_000));
    expect(e.detail).toMatchObject({ reason: 'rate_limited', retry_after_ms: 7_000 });
    expect(e.message).toMatch(/POST \/selling\/listings.*429/);
    expect(listings.size).toBe(0);
    // Nothing was lost: the next call goes through.
    expect((await client().createListing('v-1', 15_000)).listingId).toBe('lst-1');
  });

  it('names the credentials on a 401 and does not retry it', async () => {
    const e = await failure(client({ accessToken: 'expired' }).createListing('v-1', 15_000));
    expect(e.detail).toMatchObject({ reason: 'auth' });
    expect(e.message).toMatch(/401 Unauthorized.*STOCKX_API_KEY and STOCKX_ACCESS_TOKEN/);
    expect(seen).toHaveLength(1);
    expect(listings.size).toBe(0);
  });

  it('reports malformed answers by field, and non-JSON bodies', async () => {
    queued.push((_q, _b, res) => json(res, 200, { productId: 'p-1', variantId: 'v-1', lowestAskAmount: 'two hundred' }));
    expect((await failure(client().variantMarketData('p-1', 'v-1'))).message).toMatch(/lowestAskAmount is "two hundred", expected a decimal amount/);
    queued.push((_q, _b, res) => json(res, 201, { operationId: 'op-9', operationStatus: 'PENDING' }));
    const e = await failure(client().createListing('v-1', 15_000));
    expect(e.detail).toMatchObject({ reason: 'malformed' });
    expect(e.message).toMatch(/no listingId/);
    queued.push((_q, _b, res) => json(res, 200, '<html>maintenance</html>'));
    expect((await failure(client().getListing('lst-1'))).message).toMatch(/not JSON/);
  });

  it('parses Retry-After as seconds or a date, and refuses to start without both credentials', () => {
    expect(retryAfterMs('2', 0)).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null, 0)).toBe(1_000);
    const config = loadConfig({ home: '/tmp/unused-nl-home' }, { STOCKX_API_KEY: 'k' });
    expect(() => stockxClientFromConfig(config)).toThrow(/set STOCKX_ACCESS_TOKEN/);
    expect(stockxClientFromConfig(loadConfig({ home: '/tmp/unused-nl-home' }, { STOCKX_API_KEY: 'k', STOCKX_ACCESS_TOKEN: 't' }))).toBeDefined();
  });
});
