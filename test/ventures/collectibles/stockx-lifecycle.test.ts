/**
 * The StockX storefront across StockX's asynchronous listing operations, cancelled orders and long
 * order lists, against the fake StockX on 127.0.0.1: an operation is polled from PENDING to
 * SUCCEEDED with a bounded backoff; a FAILED one is a refusal carrying StockX's error that leaves
 * nothing listed or repriced; a restart in the middle polls the same operation (no second ask); a
 * cancelled order books nothing and its dead ask is placed again under the same request, after
 * which the sale on the new ask is booked with the payout's fees; and orders are read past 10 pages,
 * up to a bound that is an error rather than a short list. Money checked by hand, in cents.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockxConnectorState } from '../../../src/contracts/stockx-connector.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { FEE_SCHEDULES } from '../../../src/ventures/resale/fees.js';
import { stockxClient } from '../../../src/ventures/collectibles/stockx-client.js';
import { stockxStorefront, type StockxStorefront } from '../../../src/ventures/collectibles/stockx-storefront.js';
import { API_KEY, fakeStockx, json, TOKEN, type FakeOrder, type FakeStockx } from './fake-stockx.js';

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
function front(journal = memJournal(), over: Partial<Parameters<typeof stockxStorefront>[0]> = {}): StockxStorefront {
  const client = stockxClient({ baseUrl: fake.base, apiKey: API_KEY, accessToken: TOKEN, sleep: async () => undefined });
  const s = stockxStorefront({ client, journal, variantOf: (ref) => (ref === REF ? 'v-1' : undefined), activeListings: false, fees: FEE_SCHEDULES.stockx, shippingOutCents: 1_200, sleep: async (ms) => void sleeps.push(ms), ...over });
  s.remember('item-1', REF, NOW);
  return s;
}
async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const order = (listingId: string, status: string, orderNumber: string, extra: Partial<FakeOrder> = {}): FakeOrder => ({ orderNumber, listingId, amount: '399', status, createdAt: '2026-01-11T09:00:00.000Z', updatedAt: '2026-01-14T10:00:00.000Z', ...extra });
const opPolls = (): string[] => fake.seen.filter((x) => x.path.includes('/operations/')).map((x) => x.path);
const calls = (method: string): number => fake.seen.filter((x) => x.method === method).length;
const LIST = { clientId: 'list:item-1', itemId: 'item-1', priceCents: 41_999 };

describe('StockX listing operations', () => {
  it('polls a PENDING create until SUCCEEDED with a bounded backoff before the item counts as listed', async () => {
    const j = memJournal();
    fake.opPlan = { pendingPolls: 2 };
    const l = await front(j).list(LIST, NOW);
    expect(l).toMatchObject({ state: 'active', priceCents: 41_999 });
    // Immediate read, then 0.5 s and 1 s waits: PENDING, PENDING, SUCCEEDED.
    expect(sleeps).toEqual([500, 1_000]);
    expect(opPolls()).toEqual([`/v2/selling/listings/${l.listingId}/operations/op-1`, `/v2/selling/listings/${l.listingId}/operations/op-1`, `/v2/selling/listings/${l.listingId}/operations/op-1`]);
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ listing_id: l.listingId, operation: null });
  });

  it('treats a FAILED create, update or delete as a refusal naming StockX\'s error, with nothing listed or repriced', async () => {
    const j = memJournal();
    const s = front(j);
    fake.opPlan = { pendingPolls: 1, error: 'Ask amount must be at least 25' };
    const refused = await s.list(LIST, NOW);
    expect(refused).toMatchObject({ state: 'rejected', code: 'STOCKX_FAILED' });
    expect(refused.detail).toMatch(/CREATE operation op-1 on listing .* FAILED: Ask amount must be at least 25/);
    // Not listed: no ask at StockX, and the request is forgotten, so the next call places a fresh one.
    expect(fake.listings.size).toBe(0);
    expect(j.peek()?.listings['list:item-1']).toBeUndefined();
    fake.opPlan = { pendingPolls: 0 };
    const l = await s.list(LIST, NOW);
    expect(l.state).toBe('active');

    fake.opPlan = { pendingPolls: 0, error: 'Listing is locked' };
    expect(await s.reprice(l.listingId, 39_900, NOW)).toMatchObject({ state: 'rejected', code: 'STOCKX_FAILED', priceCents: 41_999, detail: expect.stringContaining('UPDATE operation op-3') as string });
    expect(fake.listings.get(l.listingId)?.amount).toBe('419.99');
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ price_cents: 41_999, operation: null });
    expect(await s.delist(l.listingId, NOW)).toMatchObject({ state: 'rejected', code: 'STOCKX_FAILED', detail: expect.stringContaining('Listing is locked') as string });
    expect(fake.listings.get(l.listingId)?.status).toBe('INACTIVE');
    fake.opPlan = { pendingPolls: 0 };
    expect(await s.delist(l.listingId, NOW)).toMatchObject({ state: 'delisted' });
    expect(fake.listings.get(l.listingId)?.status).toBe('DELETED');
  });

  it('resumes polling the same operation after a restart instead of placing a second ask or repricing twice', async () => {
    const j = memJournal();
    fake.opPlan = { pendingPolls: 99 };
    const pending = await front(j, { pollDelaysMs: [1_000, 2_000] }).list(LIST, NOW);
    expect(pending).toMatchObject({ state: 'rejected', code: 'STOCKX_PENDING', detail: expect.stringContaining('still PENDING after 3 polls over 3 s') as string });
    const kept = j.peek()?.listings['list:item-1'];
    expect(kept).toMatchObject({ listing_id: pending.listingId, operation: { id: 'op-1', type: 'CREATE', price_cents: null, started_at: NOW } });

    // The process dies; StockX finishes the operation meanwhile; a new process repeats the request.
    fake.operations.get('op-1')!.pendingPolls = 0;
    const l = await front(j).list(LIST, NOW);
    expect(l).toMatchObject({ state: 'active', listingId: pending.listingId });
    expect(calls('POST')).toBe(1);
    expect(j.peek()?.listings['list:item-1']?.operation).toBeNull();

    // A reprice left PENDING is finished by the restarted process's next event read: price applied once.
    fake.opPlan = { pendingPolls: 99 };
    expect(await front(j, { pollDelaysMs: [] }).reprice(l.listingId, 39_900, NOW)).toMatchObject({ state: 'rejected', code: 'STOCKX_PENDING', priceCents: 41_999 });
    expect(j.peek()?.listings['list:item-1']?.operation).toMatchObject({ type: 'UPDATE', price_cents: 39_900 });
    fake.operations.get('op-2')!.pendingPolls = 0;
    const restarted = front(j);
    await restarted.events(undefined, NOW);
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ price_cents: 39_900, operation: null });
    expect(fake.listings.get(l.listingId)?.amount).toBe('399.00');
    expect(await restarted.reprice(l.listingId, 39_900, NOW)).toMatchObject({ state: 'active', priceCents: 39_900 });
    expect(calls('PATCH')).toBe(1);
  });

  it('names a malformed operation answer, and adopts a lost ask found past the first page of listings', async () => {
    const j = memJournal();
    fake.queued.push((_q, _b, res) => json(res, 201, { listingId: 'lost-1', operationId: 'op-x', operationStatus: 'PENDING', error: null }));
    fake.queued.push((_q, _b, res) => json(res, 200, { listingId: 'lost-1', operationId: 'op-x', operationStatus: 'DONE', error: null }));
    const e = await failure(front(j).list(LIST, NOW));
    expect(e.message).toMatch(/get listing operation failed: operationStatus is "DONE", expected PENDING, SUCCEEDED or FAILED/);
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ listing_id: 'lost-1', operation: { id: 'op-x', type: 'CREATE' } });

    // Another request whose create answer was lost, while the account has 150 other asks on the variant.
    for (let i = 0; i < 150; i++) fake.listings.set(`other-${i}`, { variantId: 'v-1', amount: '500.00', status: 'ACTIVE', createdAt: new Date(NOW).toISOString(), active: true });
    fake.queued.push((_q, _b, res) => {
      fake.listings.set('lost-2', { variantId: 'v-1', amount: '300.00', status: 'INACTIVE', createdAt: new Date(NOW).toISOString(), active: false });
      res.destroy();
      return true;
    });
    const s = front(j);
    s.remember('item-2', REF, NOW);
    await failure(s.list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 30_000 }, NOW));
    expect((await front(j).list({ clientId: 'list:item-2', itemId: 'item-2', priceCents: 30_000 }, NOW)).listingId).toBe('lost-2');
    expect(fake.seen.filter((x) => x.method === 'GET' && x.path === '/v2/selling/listings').map((x) => x.query.get('pageNumber'))).toEqual(['1', '2']);
  });
});

describe('StockX cancelled orders', () => {
  it('books nothing for a cancelled order, places the dead ask again, and books the later sale once with the payout fees', async () => {
    const j = memJournal();
    const s = front(j);
    const first = await s.list(LIST, NOW);
    await s.reprice(first.listingId, 39_900, NOW);
    // The buyer cancels; StockX cancels the ask with the order.
    fake.orders.history.push(order(first.listingId, 'CANCELED', 'o-cancel'));
    fake.listings.get(first.listingId)!.status = 'CANCELED';
    expect((await s.events(undefined, NOW)).events).toEqual([]);
    expect(fake.creates).toBe(2);
    const entry = j.peek()!.listings['list:item-1']!;
    expect(entry).toMatchObject({ previous_listing_ids: [first.listingId], handled_orders: ['o-cancel'], price_cents: 39_900, operation: null });
    const second = entry.listing_id!;
    expect(fake.listings.get(second)).toMatchObject({ amount: '399.00', status: 'INACTIVE', active: false });
    // The agent still names the first ask: reprice reaches the new one.
    expect(s.owns(first.listingId)).toBe(true);
    expect(await s.reprice(first.listingId, 38_000, NOW)).toMatchObject({ state: 'active', listingId: second, priceCents: 38_000 });
    expect(fake.listings.get(second)?.amount).toBe('380.00');

    // The cancelled order is still in StockX's history: it is not acted on twice.
    expect((await s.events(undefined, NOW)).events).toEqual([]);
    expect(fake.creates).toBe(2);
    // Hand: sale $380.00, payout $322.40 → fees $57.60 (9 % $34.20 + 3 % $11.40 + $12.00 shipping).
    fake.orders.active.push(order(second, 'AUTHENTICATED', 'o-sale', { amount: '380', payout: { salePrice: '380', totalPayout: '322.40', totalAdjustments: '-57.60', currencyCode: 'USD', adjustments: [] } }));
    const got = await s.events(undefined, NOW);
    expect(got.events).toEqual([expect.objectContaining({ id: 'stockx-sold-o-sale', type: 'sold', itemId: 'item-1', listingId: second, amountCents: 38_000, feesCents: 5_760 })]);
    await s.events(got.cursor, NOW);
    expect(j.peek()?.listings['list:item-1']?.settled).toBe(true);
  });

  it('keeps an ask StockX kept up after a card refusal, and reports an order that needs a person as cancelled', async () => {
    const j = memJournal();
    const s = front(j);
    const l = await s.list(LIST, NOW);
    fake.orders.active.push(order(l.listingId, 'CCAUTHORIZATIONFAILED', 'o-card'));
    expect((await s.events(undefined, NOW)).events).toEqual([]);
    expect(fake.creates).toBe(1);
    expect(j.peek()?.listings['list:item-1']).toMatchObject({ listing_id: l.listingId, handled_orders: ['o-card'], previous_listing_ids: [] });

    fake.orders.history.push(order(l.listingId, 'AUTHFAILED', 'o-auth'));
    const got = await s.events(undefined, NOW);
    expect(got.events).toEqual([expect.objectContaining({ id: 'stockx-authfailed-o-auth', type: 'unlisted', amountCents: 0, feesCents: 0 })]);
    expect(fake.creates).toBe(1);
  });
});

describe('StockX order pages', () => {
  const others = (n: number): FakeOrder[] => Array.from({ length: n }, (_, i) => order(`other-${i}`, 'COMPLETED', `o-${i}`));

  it('reads orders past 10 pages to the last one, and a sale on page 11 is booked with the published fees', async () => {
    const s = front();
    const l = await s.list({ ...LIST, priceCents: 25_000 }, NOW);
    fake.orders.history.push(...others(1_050), order(l.listingId, 'COMPLETED', 'o-ours', { amount: '250' }));
    const { events } = await s.events(undefined, NOW);
    const pages = fake.seen.filter((x) => x.path.endsWith('/orders/history')).map((x) => [x.query.get('pageNumber'), x.query.get('pageSize')]);
    expect(pages).toEqual(Array.from({ length: 11 }, (_, i) => [String(i + 1), '100']));
    // Hand: $250 × 9 % = $22.50 + $250 × 3 % = $7.50 + $12.00 shipping out = $42.00.
    expect(events).toEqual([expect.objectContaining({ id: 'stockx-sold-o-ours', amountCents: 25_000, feesCents: 4_200 })]);
  });

  it('stops at the page bound with a clear error, settling nothing, rather than missing a sale', async () => {
    const j = memJournal();
    const l = await front(j).list(LIST, NOW);
    fake.orders.history.push(...others(1_050), order(l.listingId, 'COMPLETED', 'o-ours'));
    const e = await failure(front(j, { maxPages: 5 }).events(undefined, NOW));
    expect(e.detail).toMatchObject({ reason: 'too_many_pages', max_pages: 5 });
    expect(e.message).toMatch(/history orders failed: hasNextPage is still true after page 5 \(500 items\)/);
    expect(j.peek()?.listings['list:item-1']?.settled).toBe(false);
    // A server that answers another page than the one asked for would loop: malformed.
    fake.queued.push((req, _b, res) => (req.url?.includes('/orders/active') ? json(res, 200, { count: 1, pageSize: 100, pageNumber: 3, hasNextPage: false, orders: [] }) : false));
    expect((await failure(front(j).events(undefined, NOW))).message).toMatch(/page 1 was asked for and page 3 answered/);
    expect((await front(j).events(undefined, NOW)).events).toEqual([expect.objectContaining({ id: 'stockx-sold-o-ours' })]);
  });
});
