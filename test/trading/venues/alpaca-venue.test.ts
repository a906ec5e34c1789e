/**
 * The Alpaca venue against a fake Trading API v2 (fake-alpaca.ts): fills and partial fills in
 * exact cents, the checks before sending, a buying-power rejection, a 429, an auth failure, lost
 * answers and a 5xx on submit, a restart between submit and fill, and fills once each by cursor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest, Venue } from '../../../src/core/venue.js';
import { alpacaPrecheck, createAlpacaVenue, type AlpacaVenueOptions } from '../../../src/trading/venues/alpaca-venue.js';
import { ALPACA_KEY, ALPACA_SECRET, startFakeAlpaca, type FakeAlpaca } from './fake-alpaca.js';

let alpaca: FakeAlpaca;
let waits: number[];

beforeEach(async () => {
  alpaca = await startFakeAlpaca();
  waits = [];
});
afterEach(() => alpaca.close());

function venue(over: Partial<AlpacaVenueOptions> = {}): Venue {
  return createAlpacaVenue({ keyId: ALPACA_KEY, secretKey: ALPACA_SECRET, baseUrl: alpaca.baseUrl, sleep: async (ms) => void waits.push(ms), settleMs: 5, ...over });
}

const buy = (clientOrderId: string, qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId, symbol: 'SPY', side: 'buy', qty, type: 'market', ...extra });
const orderPosts = () => alpaca.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/v2/orders');

describe('alpaca venue', () => {
  it('sends an order with our client_order_id and reports its fill in exact cents, half up', async () => {
    const v = venue();
    expect(v).toMatchObject({ name: 'alpaca', simulated: false });
    expect(await v.submit(buy('s1', 3))).toMatchObject({ clientOrderId: 's1', venueOrderId: 'ord-1', symbol: 'SPY', qty: 3, filledQty: 0, state: 'new' });
    expect(JSON.parse(orderPosts()[0]?.body ?? '{}')).toEqual({ symbol: 'SPY', qty: '3', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 's1' });

    alpaca.fill('s1', 3, '412.335', '2026-11-27T15:30:00.123Z');
    expect(await v.order('s1')).toMatchObject({ state: 'filled', filledQty: 3, avgPrice: 412.335 });
    const { fills, cursor } = await v.fillsSince(undefined);
    // 3 × 412.335 = 1237.005 USD exactly → 123700.5 cents → 123701 (Math.round of the float product gives 123700).
    expect(fills).toEqual([{ fillId: expect.stringContaining('::'), clientOrderId: 's1', symbol: 'SPY', side: 'buy', qty: 3, price: 412.335, notionalCents: 123_701, feeCents: 0, ts: Date.UTC(2026, 10, 27, 15, 30, 0, 123) }]);
    expect(await v.fillsSince(cursor)).toEqual({ fills: [], cursor });

    alpaca.account.cash = '8762.995';
    expect(await v.balances()).toEqual({ cashCents: 876_300, positions: { SPY: { qty: 3, avgPrice: 412.335 } } });
  });

  it('reports a partial fill, then the fill, each fill once across calls and pages', async () => {
    const v = venue();
    alpaca.account.cash = '100000.00';
    expect(await v.submit(buy('p1', 150))).toMatchObject({ state: 'new' });
    for (let i = 0; i < 120; i++) alpaca.fill('p1', 1, '400.01', `2026-11-27T15:${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`);
    expect(await v.order('p1')).toMatchObject({ state: 'partially_filled', filledQty: 120 });
    expect(await v.openOrders()).toMatchObject([{ clientOrderId: 'p1', state: 'partially_filled' }]);
    const first = await v.fillsSince(undefined);
    expect(first.fills).toHaveLength(120);
    expect(new Set(first.fills.map((f) => f.fillId)).size).toBe(120);
    expect(first.fills.every((f) => f.notionalCents === 40_001 && f.clientOrderId === 'p1')).toBe(true);
    const pages = alpaca.requests.filter((r) => r.url.pathname === '/v2/account/activities/FILL');
    expect(pages.map((r) => [r.url.searchParams.get('direction'), r.url.searchParams.get('page_token')])).toEqual([['asc', null], ['asc', first.fills[99]?.fillId]]);

    alpaca.fill('p1', 30, '401.00', '2026-11-27T15:20:00Z');
    const second = await v.fillsSince(first.cursor);
    expect(second.fills.map((f) => [f.qty, f.notionalCents])).toEqual([[30, 1_203_000]]);
    expect((await v.fillsSince(second.cursor)).fills).toEqual([]);
    expect(await v.order('p1')).toMatchObject({ state: 'filled', filledQty: 150 });
    expect(await v.openOrders()).toEqual([]);
  });

  it('fails instead of looping when the activity pages do not advance', async () => {
    alpaca.account.cash = '100000.00';
    const v = venue();
    await v.submit(buy('loop', 100));
    for (let i = 0; i < 100; i++) alpaca.fill('loop', 1, '400.00', `2026-11-27T15:10:${String(i % 60).padStart(2, '0')}Z`);
    alpaca.ignorePageToken = true;
    await expect(v.fillsSince(undefined)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', message: expect.stringMatching(/did not advance past page_token/) });
  });

  it('checks whole shares and penny limits before sending', async () => {
    const v = venue();
    expect(await v.submit(buy('f1', 1.5))).toMatchObject({ state: 'rejected', code: 'LOT_SIZE' });
    expect(await v.submit(buy('f2', 1, { type: 'limit', limitPrice: 412.345 }))).toMatchObject({ state: 'rejected', code: 'INVALID_LIMIT' });
    expect(await v.submit(buy('f3', -1))).toMatchObject({ state: 'rejected', code: 'INVALID_QTY' });
    await expect(v.submit(buy('x'.repeat(129), 1))).rejects.toMatchObject({ code: 'NL_ERR_BAD_INPUT' });
    expect(alpaca.posts()).toBe(0);
    expect(alpacaPrecheck(buy('ok', 2, { type: 'limit', limitPrice: 412.34 }))).toBeUndefined();
  });

  it('maps "insufficient buying power" to INSUFFICIENT_CASH', async () => {
    const r = await venue().submit(buy('big', 100));
    expect(r).toMatchObject({ clientOrderId: 'big', state: 'rejected', code: 'INSUFFICIENT_CASH', detail: 'insufficient buying power' });
    expect(alpaca.posts()).toBe(1);
    expect(alpaca.booked()).toBe(0);
  });

  it('waits the Retry-After of a 429, then sends the order once', async () => {
    alpaca.failNext('POST /v2/orders', 'rate_limit');
    expect(await venue().submit(buy('r1', 1))).toMatchObject({ state: 'new' });
    expect(waits).toEqual([2000]);
    expect(alpaca.booked()).toBe(1);
  });

  it('names the venue and the variables to fix on a 401, without the secret', async () => {
    const err = await venue({ secretKey: 'wrong' }).submit(buy('k1', 1)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { venue: 'alpaca', env: ['ALPACA_API_KEY_ID', 'ALPACA_API_SECRET_KEY'], reason: 'auth' } });
    expect((err as Error).message).toMatch(/alpaca refused the API credentials .*401.*check ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY/);
    expect((err as Error).message).not.toContain(ALPACA_SECRET);
    expect(alpaca.booked()).toBe(0);
  });

  it('after a submit whose answer is lost, finds the booked order instead of sending again', async () => {
    alpaca.failNext('POST /v2/orders', 'lose_answer_after_booking');
    expect(await venue({ timeoutMs: 300 }).submit(buy('t1', 1))).toMatchObject({ clientOrderId: 't1', state: 'new', venueOrderId: 'ord-1' });
    expect(alpaca.posts()).toBe(1);
    expect(waits).toEqual([5]);
  });

  it('after a lost answer and a look-up that lags, the resend meets the unique client id and returns the booked order', async () => {
    alpaca.failNext('POST /v2/orders', 'lose_answer_after_booking');
    alpaca.failNext('GET /v2/orders:by_client_order_id', 'not_found'); // the submit's first look-up
    alpaca.failNext('GET /v2/orders:by_client_order_id', 'not_found'); // the look-up after the timeout
    expect(await venue({ timeoutMs: 300 }).submit(buy('t2', 1))).toMatchObject({ clientOrderId: 't2', state: 'new' });
    expect(alpaca.posts()).toBe(2);
    expect(alpaca.booked()).toBe(1);
  });

  it('treats a 5xx on submit as maybe-sent: looks up, finds nothing, sends once more', async () => {
    alpaca.failNext('POST /v2/orders', 'server_error');
    expect(await venue().submit(buy('t3', 1))).toMatchObject({ state: 'new' });
    expect(alpaca.booked()).toBe(1);
  });

  it('reports a timed-out read as NL_ERR_UPSTREAM with reason timeout', async () => {
    alpaca.failNext('GET /v2/account', 'lose_answer');
    await expect(venue({ timeoutMs: 300 }).balances()).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { venue: 'alpaca', reason: 'timeout' } });
  });

  it('after a restart between submit and fill, a new instance finds the order by its client id', async () => {
    const id = 'smart-trader:SPY:2026-11-27T15:00:00Z:1';
    expect(await venue().submit(buy(id, 2))).toMatchObject({ state: 'new' });
    const after = venue(); // fresh process state
    expect(await after.submit(buy(id, 2))).toMatchObject({ clientOrderId: id, state: 'new' });
    alpaca.fill(id, 2, '410.00', '2026-11-27T15:31:00Z');
    expect(await after.submit(buy(id, 2))).toMatchObject({ clientOrderId: id, state: 'filled' });
    expect(alpaca.posts()).toBe(1);
    expect((await venue().fillsSince(undefined)).fills.map((f) => [f.clientOrderId, f.notionalCents])).toEqual([[id, 82_000]]);
  });

  it('cancels a working order by client id and leaves a filled one alone', async () => {
    const v = venue();
    await v.submit(buy('c1', 1, { type: 'limit', limitPrice: 400 }));
    expect(await v.cancel('c1')).toMatchObject({ state: 'canceled' });
    await v.submit(buy('c2', 1));
    alpaca.fill('c2', 1, '412.00', '2026-11-27T15:32:00Z');
    expect(await v.cancel('c2')).toMatchObject({ state: 'filled' });
    expect(await v.cancel('nope')).toBeUndefined();
    expect(alpaca.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});
