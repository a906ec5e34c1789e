/**
 * The luxury agent's eBay listings against a fake eBay REST API on 127.0.0.1: an authenticated item
 * of a mapped reference becomes an inventory item, an offer and a published listing, once — also
 * when eBay's answer was lost and the process restarted (the offer is adopted by SKU) —; an item
 * without a passed authentication is never sent to eBay; markdowns replace the offer, delisting
 * withdraws it; a sale comes back from the Fulfillment orders with eBay's fees (hand-checked cents),
 * across order pages; a 429 with Retry-After, a 401 and malformed answers are clear errors that lose
 * no state (no second offer, no listing forgotten, no sale missed or booked twice).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LuxuryEbayState } from '../../../src/contracts/luxury-ebay.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { ebayFeesOf } from '../../../src/ventures/luxury/marketplace-for.js';
import { ebayClient, type EbayClient } from '../../../src/ventures/luxury/ebay-client.js';
import { allocate, ebayStorefront, skuOf, type EbayListingSpec, type EbayStorefront } from '../../../src/ventures/luxury/ebay-storefront.js';
import { fakeEbay, order, send, TOKEN, type FakeEbay } from './fake-ebay.js';

const WATCH = 'watch:cartier-tank-must-wsta0041';
const BRACELET = 'jewellery:cartier-love-bracelet-b6067517';
const NOW = Date.parse('2026-01-10T12:00:00Z');
const SPECS: Record<string, EbayListingSpec> = {
  [WATCH]: { title: 'Cartier Tank Must ref. WSTA0041', categoryId: '31387', imageUrls: ['https://img.example/tank-1.jpg'], aspects: { Brand: ['Cartier'], 'Reference Number': ['WSTA0041'] }, condition: 'USED_EXCELLENT', description: 'Cartier Tank Must, authenticated.' },
  [BRACELET]: { title: 'Cartier Love bracelet', categoryId: '261994', imageUrls: ['https://img.example/love-1.jpg'], condition: 'USED_VERY_GOOD', description: 'Cartier Love bracelet, authenticated.' },
};
// Shipping out per reference: the bracelet's differs, so a sale books its own reference's cost.
const shipOut = (ref: string): number => (ref === BRACELET ? 4_500 : 6_000);
const POLICIES = { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196939000', returnPolicyId: '6196944000' };

let fake: FakeEbay;
const sleeps: number[] = [];
beforeEach(async () => {
  fake = await fakeEbay();
  sleeps.length = 0;
});
afterEach(() => fake.close());

function memJournal(): { load(): LuxuryEbayState | undefined; save(s: LuxuryEbayState): void; peek(): LuxuryEbayState | undefined } {
  let s: LuxuryEbayState | undefined;
  return { load: () => (s ? structuredClone(s) : undefined), save: (n) => void (s = structuredClone(n)), peek: () => s };
}
const client = (over: Partial<Parameters<typeof ebayClient>[0]> = {}): EbayClient => ebayClient({ baseUrl: fake.base, accessToken: TOKEN, sleep: async (ms) => void sleeps.push(ms), ...over });
const front = (journal = memJournal(), c = client(), pageSize?: number): EbayStorefront =>
  ebayStorefront({ client: c, journal, specOf: (ref) => SPECS[ref], merchantLocationKey: 'nl-vault-1', policies: POLICIES, feesOf: ebayFeesOf, shippingOutOf: shipOut, ...(pageSize ? { pageSize } : {}) });
/** A bought, authenticated item of `ref` known to the storefront. */
function owned(s: EbayStorefront, itemId: string, ref = WATCH): void {
  s.remember(itemId, ref, NOW);
  s.authenticated(itemId, NOW);
}
async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const req = (itemId: string, priceCents = 245_000) => ({ clientId: `list:${itemId}`, itemId, priceCents });
const calls = (method: string, path: RegExp) => fake.seen.filter((s) => s.method === method && path.test(s.path)).length;

describe('eBay storefront: listing', () => {
  it('lists an authenticated item as inventory item, offer and published listing, once', async () => {
    const j = memJournal();
    const s = front(j);
    owned(s, 'buy:1#1');
    const l = await s.list(req('buy:1#1'), NOW);
    const sku = skuOf('buy:1#1');
    expect(sku).toMatch(/^NL-buy-1-1-[0-9a-f]{12}$/);
    expect(l).toMatchObject({ state: 'active', itemId: 'buy:1#1', priceCents: 245_000, listingId: '110551000001' });
    expect(fake.items.get(sku)).toEqual({
      availability: { shipToLocationAvailability: { quantity: 1 } },
      condition: 'USED_EXCELLENT',
      product: { title: 'Cartier Tank Must ref. WSTA0041', description: 'Cartier Tank Must, authenticated.', imageUrls: ['https://img.example/tank-1.jpg'], aspects: { Brand: ['Cartier'], 'Reference Number': ['WSTA0041'] } },
    });
    const offer = [...fake.offers.values()][0]!;
    expect(offer).toMatchObject({ sku, status: 'PUBLISHED', listingStatus: 'ACTIVE' });
    expect(offer.body).toEqual({
      availableQuantity: 1, categoryId: '31387', listingDescription: 'Cartier Tank Must, authenticated.', listingDuration: 'GTC',
      listingPolicies: POLICIES, merchantLocationKey: 'nl-vault-1', pricingSummary: { price: { value: '2450.00', currency: 'USD' } },
    });
    expect(fake.seen.filter((x) => x.method !== 'GET').every((x) => x.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    // The same request again, also from a fresh process on the same memory: the first listing, nothing re-placed.
    expect((await front(j).list(req('buy:1#1'), NOW)).listingId).toBe(l.listingId);
    expect(await s.list(req('buy:1#1'), NOW)).toEqual(l);
    expect([fake.creates, fake.publishes]).toEqual([1, 1]);
    expect(j.peek()!.listings['list:buy:1#1']).toMatchObject({ sku, offer_id: offer.offerId, listing_id: '110551000001', price_cents: 245_000, settled: false });
  });

  it('never sends an item without a passed authentication to eBay, nor an unmapped reference', async () => {
    const s = front();
    s.remember('buy:2#1', WATCH, NOW);
    expect(await s.list(req('buy:2#1'), NOW)).toMatchObject({ state: 'rejected', code: 'NOT_AUTHENTICATED' });
    s.remember('buy:3#1', 'watch:rolex-op41-124300', NOW);
    s.authenticated('buy:3#1', NOW);
    expect(s.handles('buy:3#1')).toBe(false);
    expect(await s.list(req('buy:3#1'), NOW)).toMatchObject({ state: 'rejected', code: 'NOT_ON_EBAY' });
    expect(fake.seen).toHaveLength(0);
    // Passed now: listed.
    s.authenticated('buy:2#1', NOW);
    expect(await s.list(req('buy:2#1'), NOW)).toMatchObject({ state: 'active' });
  });

  it('marks down by replacing the whole offer, leaves a sold listing alone, and delists by withdrawing', async () => {
    const s = front();
    owned(s, 'buy:1#1');
    const l = await s.list(req('buy:1#1'), NOW);
    const r = await s.reprice(l.listingId, 232_750, NOW);
    expect(r).toMatchObject({ state: 'active', priceCents: 232_750 });
    const offer = [...fake.offers.values()][0]!;
    expect(offer.body).toMatchObject({ categoryId: '31387', listingPolicies: POLICIES, merchantLocationKey: 'nl-vault-1', availableQuantity: 1, pricingSummary: { price: { value: '2327.50', currency: 'USD' } } });
    expect(fake.seen.find((x) => x.method === 'PUT' && x.path.startsWith('/sell/inventory/v1/offer/'))?.headers['content-language']).toBe('en-US');
    expect(await s.reprice('999', 1_000, NOW)).toMatchObject({ state: 'rejected', code: 'UNKNOWN_LISTING' });

    const d = await s.delist(l.listingId, NOW);
    expect(d).toMatchObject({ state: 'delisted', listingId: l.listingId });
    expect(offer).toMatchObject({ status: 'UNPUBLISHED', listingStatus: 'ENDED' });
    // An ended listing is not repriced.
    expect(await s.reprice(l.listingId, 220_000, NOW)).toMatchObject({ state: 'delisted' });
    offer.listingStatus = 'OUT_OF_STOCK';
    offer.soldQuantity = 1;
    const puts = calls('PUT', /^\/sell\/inventory\/v1\/offer\//);
    expect(await s.reprice(l.listingId, 220_000, NOW)).toMatchObject({ state: 'sold' });
    expect(calls('PUT', /^\/sell\/inventory\/v1\/offer\//)).toBe(puts);
  });
});

describe('eBay storefront: sales from Fulfillment orders', () => {
  it("books a paid order once with eBay's totalMarketplaceFee plus shipping out (hand-checked)", async () => {
    const j = memJournal();
    const s = front(j);
    owned(s, 'buy:1#1');
    const l = await s.list(req('buy:1#1'), NOW);
    expect((await s.events(undefined, NOW)).events).toEqual([]);
    // eBay watches: 15 % of $1,000 = $150.00, 6.5 % of $1,450 = $94.25, + $0.40 = $244.65.
    fake.orders.push(order('27-00001-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { fee: '244.65', modified: '2026-01-12T09:00:00.000Z' }));
    const first = await s.events(undefined, NOW + 86_400_000);
    expect(first.events).toEqual([
      { id: 'ebay-sold-27-00001-00001-27-00001-00001-1', at: Date.parse('2026-01-12T09:00:00.000Z'), type: 'sold', itemId: 'buy:1#1', listingId: l.listingId, amountCents: 245_000, feesCents: 24_465 + 6_000, detail: 'ebay order 27-00001-00001 PAID (list:buy:1#1)' },
    ]);
    expect(fake.seen.find((x) => x.path === '/sell/fulfillment/v1/order')?.query.get('filter')).toBe('lastmodifieddate:[2026-01-09T12:00:00.000Z..]');
    // The agent booked it and passes the cursor back: settled, no further order look-ups (also after a restart).
    const orderCalls = calls('GET', /fulfillment/);
    expect((await front(j).events(first.cursor, NOW + 2 * 86_400_000)).events).toEqual([]);
    expect(calls('GET', /fulfillment/)).toBe(orderCalls);
    expect(j.peek()!.listings['list:buy:1#1']!.settled).toBe(true);
  });

  it('books a return once eBay refunded it: the refund, the label the seller pays, and the final value fee eBay credits', async () => {
    const j = memJournal();
    const s = front(j);
    owned(s, 'buy:1#1');
    const l = await s.list(req('buy:1#1'), NOW);
    fake.orders.push(order('27-00001-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { fee: '244.65', modified: '2026-01-12T09:00:00.000Z' }));
    const sold = await s.events(undefined, NOW + 86_400_000);
    expect((await s.events(sold.cursor, NOW + 86_400_000)).events).toEqual([]);
    expect(j.peek()!.listings['list:buy:1#1']!.sold_at).toBe(Date.parse('2026-01-12T09:00:00.000Z'));

    // The buyer opens a return; until eBay has issued the refund nothing is booked.
    const summary = { returnId: '5000012345', orderId: '27-00001-00001', state: 'ITEM_SHIPPED', creationInfo: { item: { itemId: l.listingId, transactionId: '2000001', returnQuantity: 1 }, creationDate: { value: '2026-01-20T10:00:00.000Z' } } };
    const detail: Record<string, unknown> = { returnShipmentInfo: { payee: 'SELLER', shippingLabelCost: { totalAmount: { value: 21.5, currency: 'USD' } } } };
    fake.returns.push({ summary, detail });
    const T = NOW + 15 * 86_400_000;
    expect((await s.events(undefined, T)).events).toEqual([]);
    // eBay refunds the $2,450 and credits $244.25 of its $244.65 fee (the $0.40 per-order fee is kept).
    Object.assign(summary, { state: 'CLOSED' });
    detail.refundInfo = { actualRefundDetail: { actualRefund: { totalAmount: { value: 2450, currency: 'USD' }, feeCreditAmount: { value: 244.25, currency: 'USD' } } } };
    const r = await s.events(undefined, T);
    const base = { at: T, itemId: 'buy:1#1', listingId: l.listingId, detail: 'ebay return 5000012345 refunded (list:buy:1#1)' };
    const booked = [
      { ...base, id: 'ebay-feecredit-5000012345', type: 'fee_credit', amountCents: 24_425, feesCents: 0 },
      { ...base, id: 'ebay-return-5000012345', type: 'refund', amountCents: 245_000, feesCents: 2_150 },
    ];
    expect(r.events).toEqual(booked);
    const search = fake.seen.find((x) => x.path === '/post-order/v2/return/search')!;
    expect([search.headers.authorization, search.headers['x-ebay-c-marketplace-id'], search.query.get('creation_date_range_from')]).toEqual([`IAF ${TOKEN}`, 'EBAY_US', '2026-01-11T09:00:00.000Z']);
    // Until the agent hands the cursor back, also after a restart, the same events from memory (no further detail reads).
    const details = calls('GET', /^\/post-order\/v2\/return\/5000012345$/);
    expect((await front(j).events(undefined, T + 1_000)).events).toEqual(booked);
    expect(calls('GET', /^\/post-order\/v2\/return\/5000012345$/)).toBe(details);
    // Booked: nothing more, and the sale is no longer watched.
    const searches = calls('GET', /return\/search/);
    expect((await front(j).events(r.cursor, T + 2_000)).events).toEqual([]);
    expect((await front(j).events(undefined, T + 3_000)).events).toEqual([]);
    expect(calls('GET', /return\/search/)).toBe(searches);
    expect(j.peek()!.listings['list:buy:1#1']!.return).toMatchObject({ return_id: '5000012345', booked: true });
  });

  it('books nothing for a return the buyer keeps the item of, and a malformed return answer is a clear error that loses nothing', async () => {
    const j = memJournal();
    const s = front(j);
    owned(s, 'buy:1#1');
    const l = await s.list(req('buy:1#1'), NOW);
    fake.orders.push(order('27-00001-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { fee: '244.65', modified: '2026-01-12T09:00:00.000Z' }));
    await s.events((await s.events(undefined, NOW)).cursor, NOW);
    const summary = { returnId: '5000012346', state: 'ITEM_KEPT', creationInfo: { item: { itemId: l.listingId }, creationDate: { value: '2026-01-20T10:00:00.000Z' } } };
    fake.returns.push({ summary, detail: { refundInfo: { actualRefundDetail: { actualRefund: { totalAmount: { value: 300, currency: 'USD' } } } } } });
    expect((await s.events(undefined, NOW + 15 * 86_400_000)).events).toEqual([]);
    Object.assign(summary, { state: 'CLOSED' });
    fake.queued.push((req, reply) => req.url.startsWith('/post-order/v2/return/5000012346') && send(reply, 200, { detail: { refundInfo: { actualRefundDetail: { actualRefund: { totalAmount: { value: 300, currency: 'EUR' } } } } } }));
    const bad = await failure(s.events(undefined, NOW + 15 * 86_400_000));
    expect(bad.detail).toMatchObject({ venue: 'ebay', reason: 'malformed' });
    expect(bad.message).toMatch(/getReturn failed: answer does not match the documented shape: .*currency/);
    expect(j.peek()!.listings['list:buy:1#1']!.return).toBeUndefined();
    const r = await front(j).events(undefined, NOW + 16 * 86_400_000);
    expect(r.events.map((e) => [e.type, e.amountCents, e.feesCents])).toEqual([['refund', 30_000, 0]]);
  });

  it('uses the published eBay fee schedule when an order has no totalMarketplaceFee, and fee basis includes the shipping the buyer paid', async () => {
    const s = front();
    owned(s, 'buy:1#1');
    await s.list(req('buy:1#1'), NOW);
    fake.orders.push(order('27-00002-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00', shipping: '45.00' }], { fee: null, modified: '2026-01-12T09:00:00.000Z' }));
    const e = (await s.events(undefined, NOW)).events[0]!;
    // Basis $2,495.00: 15 % of $1,000 = $150.00; 6.5 % of $1,495.00 = $97.175 → $97.18; + $0.40 = $247.58; + $60 shipping out.
    expect(e).toMatchObject({ type: 'sold', amountCents: 249_500, feesCents: 24_758 + 6_000 });
  });

  it('splits one order over two of our items: fees and refunds by line share, to the cent', async () => {
    const s = front();
    owned(s, 'buy:1#1', WATCH);
    owned(s, 'buy:4#1', BRACELET);
    await s.list(req('buy:1#1'), NOW);
    await s.list(req('buy:4#1', 620_000), NOW);
    fake.orders.push(order('27-00003-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }, { sku: skuOf('buy:4#1'), cost: '6200.00' }], { status: 'PARTIALLY_REFUNDED', fee: '1005.90', refunds: ['100.00'], modified: '2026-01-12T09:00:00.000Z' }));
    const events = (await s.events(undefined, NOW)).events;
    // Fee $1,005.90 over $2,450 : $6,200 → 28 490.81 / 72 099.19 cents → 28 491 / 72 099 (sum 100 590).
    // Refund $100.00 → 2 832.37 / 7 167.63 → 2 832 / 7 168 (sum 10 000).
    expect(events.map((e) => [e.itemId, e.amountCents, e.feesCents])).toEqual([
      ['buy:1#1', 245_000 - 2_832, 28_491 + 6_000],
      ['buy:4#1', 620_000 - 7_168, 72_099 + 4_500],
    ]);
  });

  it('reports a cancelled order without settling the listing, and the later sale', async () => {
    const s = front();
    owned(s, 'buy:1#1');
    await s.list(req('buy:1#1'), NOW);
    fake.orders.push(order('27-00004-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { fee: '244.65', cancel: 'CANCELED', modified: '2026-01-11T09:00:00.000Z' }));
    fake.orders.push(order('27-00004-00002', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { status: 'PENDING', fee: '244.65', modified: '2026-01-11T10:00:00.000Z' }));
    const a = await s.events(undefined, NOW);
    expect(a.events.map((e) => [e.type, e.amountCents, e.feesCents])).toEqual([['cancelled', 0, 0]]);
    expect(a.cursor).toBe('[]');
    fake.orders[1]!.orderPaymentStatus = 'PAID';
    const b = await s.events(a.cursor, NOW);
    expect(b.events.map((e) => [e.id, e.type, e.amountCents])).toEqual([['ebay-sold-27-00004-00002-27-00004-00002-1', 'sold', 245_000]]);
  });

  it('reads every page of orders (limit/offset) to find a sale', async () => {
    const s = front(memJournal(), client(), 2);
    owned(s, 'buy:1#1');
    await s.list(req('buy:1#1'), NOW);
    for (let i = 1; i <= 4; i++) fake.orders.push(order(`27-1000${i}-00001`, [{ sku: i === 4 ? skuOf('buy:1#1') : `OTHER-${i}`, cost: '100.00' }], { fee: '15.40', modified: `2026-01-1${i}T09:00:00.000Z` }));
    const e = await s.events(undefined, NOW);
    expect(e.events.map((x) => [x.type, x.amountCents, x.feesCents])).toEqual([['sold', 10_000, 1_540 + 6_000]]);
    const pages = fake.seen.filter((x) => x.path === '/sell/fulfillment/v1/order').map((x) => [x.query.get('limit'), x.query.get('offset')]);
    expect(pages).toEqual([['2', '0'], ['2', '2']]);
  });
  it('refuses a window with more orders than its page bound instead of missing sales', async () => {
    const s = ebayStorefront({ client: client(), journal: memJournal(), specOf: (ref) => SPECS[ref], merchantLocationKey: 'nl-vault-1', policies: POLICIES, feesOf: ebayFeesOf, shippingOutOf: shipOut, pageSize: 2, maxPages: 2 });
    owned(s, 'buy:1#1');
    await s.list(req('buy:1#1'), NOW);
    for (let i = 1; i <= 5; i++) fake.orders.push(order(`27-2000${i}-00001`, [{ sku: i === 5 ? skuOf('buy:1#1') : `OTHER-${i}`, cost: '100.00' }], { fee: '15.40', modified: `2026-01-1${i}T09:00:00.000Z` }));
    const e = await failure(s.events(undefined, NOW));
    expect(e.message).toMatch(/more than 2 pages of 2 orders/);
  });
});

describe('eBay storefront: failures lose no state', () => {
  it('waits out a 429 as its Retry-After says and places one offer', async () => {
    const s = front();
    owned(s, 'buy:1#1');
    fake.queued.push((r, reply) => r.method === 'POST' && r.url === '/sell/inventory/v1/offer' && send(reply, 429, { errors: [{ errorId: 2001, message: 'Too many requests' }] }, { 'retry-after': '3' }));
    expect(await s.list(req('buy:1#1'), NOW)).toMatchObject({ state: 'active' });
    expect(sleeps).toEqual([3_000]);
    expect(fake.creates).toBe(1);
  });

  it('stops on a 401 with a clear error, keeps the request, and completes it once the token is good', async () => {
    const j = memJournal();
    owned(front(j), 'buy:1#1');
    const e = await failure(front(j, client({ accessToken: 'expired' })).list(req('buy:1#1'), NOW));
    expect(e.message).toMatch(/ebay: PUT \/sell\/inventory\/v1\/inventory_item\/NL-buy-1-1-[0-9a-f]{12} failed: HTTP 401 1001 Invalid access token.*check EBAY_ACCESS_TOKEN/);
    expect(e.detail).toMatchObject({ venue: 'ebay', reason: 'auth' });
    expect(j.peek()!.listings['list:buy:1#1']).toMatchObject({ offer_id: null, listing_id: null });
    expect(await front(j).list(req('buy:1#1'), NOW)).toMatchObject({ state: 'active' });
    expect(fake.creates).toBe(1);
  });

  it('adopts the offer eBay made and published when both answers were lost and the process restarted', async () => {
    const j = memJournal();
    owned(front(j), 'buy:1#1');
    fake.lose.add('createOffer');
    expect((await failure(front(j).list(req('buy:1#1'), NOW))).detail).toMatchObject({ reason: 'network' });
    expect(j.peek()!.listings['list:buy:1#1']).toMatchObject({ offer_id: null });
    // The next attempt adopts the offer by SKU (no second createOffer); its publish answer is lost too.
    fake.lose.add('publish');
    await failure(front(j).list(req('buy:1#1'), NOW));
    expect(j.peek()!.listings['list:buy:1#1']).toMatchObject({ offer_id: '5000001', listing_id: null });
    const l = await front(j).list(req('buy:1#1'), NOW);
    expect(l).toMatchObject({ state: 'active', listingId: '110551000001' });
    expect([fake.creates, fake.publishes]).toEqual([1, 1]);
    expect(calls('POST', /^\/sell\/inventory\/v1\/offer$/)).toBe(1);
  });

  it("refuses the one item eBay will not publish, with eBay's reason, and publishes the kept offer once the settings are fixed", async () => {
    const j = memJournal();
    const s = front(j);
    owned(s, 'buy:1#1');
    fake.queued.push((r, reply) => r.url.endsWith('/publish/') && send(reply, 400, { errors: [{ errorId: 25019, domain: 'API_INVENTORY', category: 'REQUEST', message: 'The item specific Department is missing.' }] }));
    const l = await s.list(req('buy:1#1'), NOW);
    expect(l).toMatchObject({ state: 'rejected', code: 'EBAY_REJECTED', detail: expect.stringMatching(/POST \/sell\/inventory\/v1\/offer\/5000001\/publish\/ failed: HTTP 400 25019 The item specific Department is missing\./) as string });
    expect(j.peek()!.listings['list:buy:1#1']).toMatchObject({ offer_id: '5000001', listing_id: null });
    // The next attempt updates the kept offer to the current settings, then publishes it: still one offer.
    expect(await s.list(req('buy:1#1'), NOW)).toMatchObject({ state: 'active', listingId: '110551000001' });
    expect(fake.creates).toBe(1);
    expect(calls('PUT', /^\/sell\/inventory\/v1\/offer\/5000001$/)).toBe(1);
    // An offer a person deleted in Seller Hub is made again rather than published in vain.
    owned(s, 'buy:5#1');
    fake.queued.push((r, reply) => r.url.endsWith('/publish/') && send(reply, 404, { errors: [{ errorId: 25713, message: 'This Offer is not available.' }] }));
    expect(await s.list(req('buy:5#1'), NOW)).toMatchObject({ state: 'rejected', code: 'EBAY_REJECTED' });
    fake.offers.delete('5000002');
    expect(await s.list(req('buy:5#1'), NOW)).toMatchObject({ state: 'active' });
    expect(j.peek()!.listings['list:buy:5#1']).toMatchObject({ offer_id: '5000003' });
  });

  it('names the call and the field of a malformed answer, and retries to the same offer', async () => {
    const j = memJournal();
    owned(front(j), 'buy:1#1');
    fake.queued.push((r, reply) => r.url.endsWith('/publish/') && send(reply, 200, { listing: '110551000001' }));
    const e = await failure(front(j).list(req('buy:1#1'), NOW));
    expect(e.message).toMatch(/ebay: publishOffer failed: answer does not match the documented shape: listingId: /);
    expect(e.detail).toMatchObject({ reason: 'malformed' });
    expect(await front(j).list(req('buy:1#1'), NOW)).toMatchObject({ state: 'active' });
    expect(fake.creates).toBe(1);

    fake.orders.push(order('27-00005-00001', [{ sku: skuOf('buy:1#1'), cost: '2450.00' }], { fee: '244.65', modified: '2026-01-12T09:00:00.000Z' }));
    (fake.orders[0]!.totalMarketplaceFee as { currency: string }).currency = 'EUR';
    const bad = await failure(front(j).events(undefined, NOW));
    expect(bad.message).toMatch(/getOrders failed: answer does not match the documented shape: orders\.0\.totalMarketplaceFee\.currency: must be USD/);
    expect(j.peek()!.listings['list:buy:1#1']!.settled).toBe(false);
  });
});

describe('allocate', () => {
  it('splits whole cents exactly, the remainder to the largest fractions, then the first line', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(100_590, [245_000, 620_000])).toEqual([28_491, 72_099]);
    expect(allocate(7, [0, 0])).toEqual([7, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });
});
