/**
 * The collectibles agent's StockX listings against a fake StockX Public API on 127.0.0.1: an ask per
 * mapped item (inactive unless configured), idempotent on the listing request also when StockX's
 * answer was lost, repriced and sold through StockX's orders with the payout's fees (or the published
 * schedule); a 429 with Retry-After, a 401 and malformed answers each a clear error that loses no
 * state (no second ask, no listing forgotten, no sale missed or booked twice).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockxConnectorState } from '../../../src/contracts/stockx-connector.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { FEE_SCHEDULES } from '../../../src/ventures/resale/fees.js';
import { stockxClient, type StockxClient } from '../../../src/ventures/collectibles/stockx-client.js';
import { stockxStorefront, type StockxStorefront } from '../../../src/ventures/collectibles/stockx-storefront.js';
import { API_KEY, fakeStockx, json, TOKEN, type FakeStockx } from './fake-stockx.js';

const REF = 'sneaker:jordan-1-high-og-lost-and-found:10';
const NOW = Date.parse('2026-01-10T12:00:00Z');
let fake: FakeStockx;
const sleeps: number[] = [];
beforeEach(async () => {
  fake = await fakeStockx(() => NOW);
  sleeps.length = 0;
});
afterEach(() => fake.close());

function memJournal(): { load(): StockxConnectorState | undefined; save(s: StockxConnectorState): void; peek(): StockxConnectorState | undefined } {
  let s: StockxConnectorState | undefined;
  return { load: () => (s ? structuredClone(s) : undefined), save: (n) => void (s = structuredClone(n)), peek: () => s };
}
const client = (over: Partial<Parameters<typeof stockxClient>[0]> = {}): StockxClient =>
  stockxClient({ baseUrl: fake.base, apiKey: API_KEY, accessToken: TOKEN, sleep: async (ms) => void sleeps.push(ms), ...over });
function front(journal = memJournal(), c = client(), activeListings = false): StockxStorefront {
  return stockxStorefront({ client: c, journal, variantOf: (ref) => (ref === REF ? 'v-1' : undefined), activeListings, fees: FEE_SCHEDULES.stockx, shippingOutCents: 1_200 });
}
async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const order = (listingId: string, status: string, extra: object = {}) => ({ orderNumber: '323314425-323214184', listingId, amount: '399', status, createdAt: '2026-01-11T09:00:00.000Z', updatedAt: '2026-01-14T10:00:00.000Z', ...extra });
const payout = { salePrice: '399', totalPayout: '351.12', totalAdjustments: '-47.88', currencyCode: 'USD', adjustments: [] };
const posts = (): number => fake.seen.filter((s) => s.method === 'POST').length;

describe('StockX storefront', () => {
  it('lists a mapped item as an inactive ask once, reprices it, and books its sale from the order payout', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('item-1', REF, NOW);
    expect(s.handles('item-1')).toBe(true);
    const l = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    expect(l).toMatchObject({ state: 'active', itemId: 'item-1', priceCents: 41_999 });
    expect(JSON.parse(fake.seen[0]!.body)).toEqual({ amount: '419.99', variantId: 'v-1', currencyCode: 'USD', active: false });
    expect(fake.listings.get(l.listingId)?.status).toBe('INACTIVE');
    // The same request again (a restarted agent): the first ask, no second one — also from a fresh process.
    expect((await front(j).list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW)).listingId).toBe(l.listingId);
    expect(fake.creates).toBe(1);

    const r = await s.reprice(l.listingId, 39_900, NOW);
    expect(r).toMatchObject({ state: 'active', priceCents: 39_900 });
    expect(fake.listings.get(l.listingId)?.amount).toBe('399.00');

    fake.orders.active.push(order(l.listingId, 'CREATED'));
    expect((await s.events(undefined, NOW)).events).toEqual([]);
    fake.orders.active[0] = order(l.listingId, 'AUTHENTICATED', { payout });
    const got = await s.events(undefined, NOW);
    // Hand: sale $399.00, payout $351.12 → fees $47.88.
    expect(got.events).toEqual([{ id: 'stockx-sold-323314425-323214184', type: 'sold', at: Date.parse('2026-01-14T10:00:00.000Z'), itemId: 'item-1', listingId: l.listingId, amountCents: 39_900, feesCents: 4_788, detail: 'stockx order 323314425-323214184 (list:item-1)' }]);
    // Passing the cursor back says it was booked: the listing is settled, the sale is not reported again,
    // and StockX's orders are read only to see whether the sale is undone (a return after the payout).
    const before = fake.seen.filter((x) => x.method === 'POST').length;
    expect((await s.events(got.cursor, NOW)).events).toEqual([]);
    expect(fake.seen.filter((x) => x.method === 'POST').length).toBe(before);
    expect(j.peek()?.listings['list:item-1']?.settled).toBe(true);
  });

  it('reverses a sale StockX undoes after the payout was booked, once, also from a restarted process', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('item-1', REF, NOW);
    const l = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 39_900 }, NOW);
    fake.orders.history.push(order(l.listingId, 'PAYOUTCOMPLETED', { payout }));
    const sold = await s.events(undefined, NOW);
    expect(sold.events.map((e) => [e.id, e.type, e.amountCents, e.feesCents])).toEqual([['stockx-sold-323314425-323214184', 'sold', 39_900, 4_788]]);
    // Not booked yet: a restarted process reports the same sale from its memory.
    expect((await front(j).events(undefined, NOW)).events.map((e) => e.id)).toEqual(['stockx-sold-323314425-323214184']);
    expect((await s.events(sold.cursor, NOW)).events).toEqual([]);

    // StockX takes the sale back after paying out $351.12: the $399 price goes back and the $47.88 it kept comes back.
    const LATER = NOW + 5 * 86_400_000;
    fake.orders.history[0] = order(l.listingId, 'RETURNED', { payout, updatedAt: new Date(LATER).toISOString() });
    const r = await s.events(undefined, LATER);
    const base = { at: LATER, itemId: 'item-1', listingId: l.listingId, feesCents: 0, detail: 'stockx order 323314425-323214184 ended without the sale after it was booked (list:item-1)' };
    const reversal = [
      { ...base, id: 'stockx-feecredit-323314425-323214184', type: 'fee_credit', amountCents: 4_788 },
      { ...base, id: 'stockx-returned-323314425-323214184', type: 'refund', amountCents: 39_900 },
    ];
    expect(r.events).toEqual(reversal);
    // Together they take back exactly the payout.
    expect(-r.events[1]!.amountCents + r.events[0]!.amountCents).toBe(-35_112);
    expect((await front(j).events(undefined, LATER + 1_000)).events).toEqual(reversal);
    // Once booked: nothing more, and the order is no longer read for it.
    expect((await front(j).events(r.cursor, LATER + 2_000)).events).toEqual([]);
    expect(j.peek()?.listings['list:item-1']?.sale).toMatchObject({ returned_at: LATER, return_booked: true });
    const reads = fake.seen.length;
    expect((await front(j).events(undefined, LATER + 3_000)).events).toEqual([]);
    expect(fake.seen.length).toBe(reads);
  });

  it('places live asks when configured, and leaves unmapped items alone', async () => {
    const s = front(memJournal(), client(), true);
    s.remember('item-1', REF, NOW);
    s.remember('item-2', 'sneaker:dunk-low-panda:9', NOW);
    expect(s.handles('item-2')).toBe(false);
    expect(await s.list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 15_000 }, NOW)).toMatchObject({ state: 'rejected', code: 'NOT_ON_STOCKX' });
    const l = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    expect(fake.listings.get(l.listingId)).toMatchObject({ status: 'ACTIVE', active: true });
    expect(fake.creates).toBe(1);
  });

  it('applies the published StockX schedule when an order has no payout, and books nothing for a failed order', async () => {
    const s = front();
    s.remember('item-1', REF, NOW);
    s.remember('item-2', REF, NOW);
    const a = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 40_000 }, NOW);
    const b = await s.list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 40_000 }, NOW);
    fake.orders.history.push(order(a.listingId, 'COMPLETED', { amount: '400', orderNumber: 'o-1' }), order(b.listingId, 'AUTHFAILED', { orderNumber: 'o-2' }));
    const { events } = await s.events(undefined, NOW);
    // Hand: $400 × 9 % = $36.00 + $400 × 3 % = $12.00 + $12.00 shipping out = $60.00.
    expect(events.find((e) => e.type === 'sold')).toMatchObject({ itemId: 'item-1', amountCents: 40_000, feesCents: 6_000 });
    expect(events.find((e) => e.itemId === 'item-2')).toMatchObject({ type: 'unlisted', amountCents: 0, feesCents: 0 });
    expect(fake.seen.find((x) => x.path.endsWith('/orders/history'))?.query.get('fromDate')).toBe('2026-01-10');
  });

  it('waits out a 429 for its Retry-After and creates one ask; after retries run out nothing is lost and no second ask is placed', async () => {
    const s = front();
    s.remember('item-1', REF, NOW);
    fake.queued.push((_q, _b, res) => json(res, 429, { statusCode: 429, message: 'Too Many Requests' }, { 'retry-after': '2' }));
    await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    expect(sleeps).toEqual([2_000]);
    expect(fake.creates).toBe(1);

    const j = memJournal();
    const t = front(j, client({ rateLimitRetries: 1 }));
    t.remember('item-2', REF, NOW);
    for (let i = 0; i < 2; i++) fake.queued.push((_q, _b, res) => json(res, 429, { statusCode: 429, message: 'Too Many Requests' }, { 'retry-after': '5' }));
    const e = await failure(t.list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 30_000 }, NOW));
    expect(e.detail).toMatchObject({ reason: 'rate_limited', retry_after_ms: 5_000 });
    expect(j.peek()?.listings['list:item-2']).toMatchObject({ listing_id: null, price_cents: 30_000 });
    const l = await t.list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 30_000 }, NOW);
    expect(fake.creates).toBe(2);
    expect(j.peek()?.listings['list:item-2']?.listing_id).toBe(l.listingId);
  });

  it('adopts the ask StockX made when its answer was lost, instead of placing a second one', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('item-1', REF, NOW);
    fake.queued.push((_q, _b, res) => {
      fake.listings.set('lost-answer-listing', { variantId: 'v-1', amount: '419.99', status: 'INACTIVE', createdAt: new Date(NOW).toISOString(), active: false });
      res.destroy();
      return true;
    });
    expect((await failure(s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW))).detail).toMatchObject({ reason: 'network' });
    const l = await front(j).list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    expect(l.listingId).toBe('lost-answer-listing');
    expect(posts()).toBe(1);
  });

  it('reports a 401 naming both credentials, without settling or forgetting anything', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('item-1', REF, NOW);
    const l = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    fake.orders.active.push(order(l.listingId, 'PAYOUTCOMPLETED', { payout }));
    const e = await failure(front(j, client({ accessToken: 'expired' })).events(undefined, NOW));
    expect(e.detail).toMatchObject({ reason: 'auth' });
    expect(e.message).toMatch(/GET \/selling\/orders\/active failed: HTTP 401 Unauthorized: check STOCKX_API_KEY and STOCKX_ACCESS_TOKEN/);
    expect(e.message).not.toContain('expired');
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ listing_id: l.listingId, settled: false });
    expect((await front(j).events(undefined, NOW)).events).toHaveLength(1);
  });

  it('names the field of a malformed orders page, and a listing stays open for the next call', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('item-1', REF, NOW);
    const l = await s.list({ clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 }, NOW);
    fake.queued.push((_q, _b, res) => json(res, 200, { count: 1, pageSize: 100, pageNumber: 1, orders: [] }));
    const e = await failure(s.events(undefined, NOW));
    expect(e.detail).toMatchObject({ reason: 'malformed' });
    expect(e.message).toMatch(/active orders failed: answer does not match the documented shape: hasNextPage/);
    fake.queued.push((_q, _b, res) => json(res, 200, { count: 1, pageSize: 100, pageNumber: 1, hasNextPage: false, orders: [order(l.listingId, 'COMPLETED', { amount: 'three hundred' })] }));
    expect((await failure(s.events(undefined, NOW))).message).toMatch(/orders\.0\.amount/);
    fake.queued.push((_q, _b, res) => json(res, 200, '<html>upstream timeout</html>'));
    expect((await failure(s.events(undefined, NOW))).message).toMatch(/not JSON/);
    fake.orders.history.push(order(l.listingId, 'COMPLETED', { payout }));
    expect((await s.events(undefined, NOW)).events).toMatchObject([{ type: 'sold', itemId: 'item-1', amountCents: 39_900 }]);
  });
});
