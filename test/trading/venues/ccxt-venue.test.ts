/**
 * The ccxt venue against a fake Kraken REST API (fake-kraken.ts): fills and partial fills, the
 * checks before sending, a venue rejection, a 429, an auth failure, lost answers, a restart
 * between submit and fill, and fills reported once each across calls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Venue } from '../../../src/core/venue.js';
import { createCcxtVenue, type CcxtVenueOptions } from '../../../src/trading/venues/ccxt-venue.js';
import { KRAKEN_KEY, KRAKEN_SECRET, startFakeKraken, type FakeKraken } from './fake-kraken.js';

let kraken: FakeKraken;
let waits: number[];

beforeEach(async () => {
  kraken = await startFakeKraken();
  waits = [];
});
afterEach(() => kraken.close());

function venue(over: Partial<CcxtVenueOptions> = {}): Venue {
  return createCcxtVenue({
    exchangeId: 'kraken', apiKey: KRAKEN_KEY, secret: KRAKEN_SECRET,
    urls: { api: { public: kraken.baseUrl, private: kraken.baseUrl } },
    sleep: async (ms) => void waits.push(ms),
    settleMs: 5,
    ...over,
  });
}

const T = 1_767_300_000; // seconds
const buy = (clientOrderId: string, qty: number, extra: Partial<{ type: 'market' | 'limit'; limitPrice: number }> = {}) =>
  ({ clientOrderId, symbol: 'BTC-USD', side: 'buy' as const, qty, type: 'market' as const, ...extra });
const addOrders = () => kraken.requests.filter((r) => r.url.pathname === '/0/private/AddOrder');

describe('ccxt venue (kraken)', () => {
  it('sends a market order with our id as cl_ord_id and reports its fill in whole cents, half up', async () => {
    const v = venue();
    expect(v).toMatchObject({ name: 'ccxt:kraken', simulated: false });
    const placed = await v.submit(buy('a1', 0.01));
    expect(placed).toMatchObject({ clientOrderId: 'a1', symbol: 'BTC-USD', side: 'buy', qty: 0.01, filledQty: 0, state: 'new' });
    const sent = new URLSearchParams(addOrders()[0]?.body);
    expect(Object.fromEntries(['pair', 'type', 'ordertype', 'volume', 'cl_ord_id'].map((k) => [k, sent.get(k)]))).toEqual({
      pair: 'XXBTZUSD', type: 'buy', ordertype: 'market', volume: '0.01', cl_ord_id: 'a1',
    });

    kraken.fill(kraken.txidOf('a1'), 0.01, '96500.5', '2.50500', T);
    expect(await v.order('a1')).toMatchObject({ state: 'filled', filledQty: 0.01, avgPrice: 96500.5, venueOrderId: kraken.txidOf('a1') });
    const { fills, cursor } = await v.fillsSince(undefined);
    // 0.01 × 96500.5 = 965.005 USD → 96500.5 cents → 96501 half up; fee 2.505 USD → 251 cents.
    expect(fills).toEqual([{ fillId: 'T00001-FAKE-TRADE', clientOrderId: 'a1', symbol: 'BTC-USD', side: 'buy', qty: 0.01, price: 96500.5, notionalCents: 96501, feeCents: 251, ts: T * 1000 }]);
    expect(await v.fillsSince(cursor)).toEqual({ fills: [], cursor });

    // Cash 10,000 − 965.005 − 2.505 = 9,032.49 USD; the BTC is a position (spot keeps no cost basis).
    expect(await v.balances()).toEqual({ cashCents: 903_249, positions: { 'BTC-USD': { qty: 0.01, avgPrice: 0 } } });
  });

  it('reports a partial fill, then the fill, each fill once across calls (same-second fills too)', async () => {
    const v = venue();
    await v.submit(buy('p1', 0.03));
    const txid = kraken.txidOf('p1');
    kraken.fill(txid, 0.01, '96000.0', '2.49600', T);
    expect(await v.order('p1')).toMatchObject({ state: 'partially_filled', filledQty: 0.01, avgPrice: 96000 });
    expect(await v.openOrders()).toMatchObject([{ clientOrderId: 'p1', state: 'partially_filled' }]);
    const first = await v.fillsSince(undefined);
    expect(first.fills.map((f) => [f.fillId, f.qty])).toEqual([['T00001-FAKE-TRADE', 0.01]]);

    kraken.fill(txid, 0.01, '96100.0', '2.49860', T); // same second as the first fill
    kraken.fill(txid, 0.01, '96200.0', '2.50120', T + 1);
    const second = await v.fillsSince(first.cursor);
    expect(second.fills.map((f) => [f.fillId, f.clientOrderId, f.notionalCents, f.feeCents])).toEqual([
      ['T00002-FAKE-TRADE', 'p1', 96100, 250], // 961.00 USD; fee 2.4986 → 250 cents
      ['T00003-FAKE-TRADE', 'p1', 96200, 250], // 962.00 USD; fee 2.5012 → 250 cents
    ]);
    expect((await v.fillsSince(second.cursor)).fills).toEqual([]);
    const done = await v.order('p1');
    expect(done).toMatchObject({ state: 'filled', filledQty: 0.03 });
    expect(done?.avgPrice).toBeCloseTo((960 + 961 + 962) / 0.03, 6);
    expect(await v.openOrders()).toEqual([]);
  });

  it('pages through more than 50 trades and marks trades of orders it did not send as external', async () => {
    const v = venue();
    for (let i = 0; i < 55; i++) kraken.addExternalTrade(0.001, '90000.0', '0.23400', T + i);
    const { fills } = await v.fillsSince(undefined);
    expect(fills).toHaveLength(55);
    expect(fills[0]).toMatchObject({ clientOrderId: 'external:OMANUAL-BY-HAND', ts: T * 1000, notionalCents: 9000, feeCents: 23 });
    expect(fills.at(-1)?.ts).toBe((T + 54) * 1000);
    expect(kraken.requests.filter((r) => r.url.pathname === '/0/private/TradesHistory').map((r) => new URLSearchParams(r.body).get('ofs'))).toEqual(['0', '50']);
  });

  it('refuses to cut a trade history longer than its page budget (the oldest fills would be lost)', async () => {
    for (let i = 0; i < 55; i++) kraken.addExternalTrade(0.001, '90000.0', '0.23400', T + i);
    await expect(venue({ maxTradePages: 1 }).fillsSince(undefined)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', message: expect.stringMatching(/more than 1 pages of trades/) });
    expect((await venue({ maxTradePages: 2 }).fillsSince(undefined)).fills).toHaveLength(55);
  });

  it('checks precision and minimums from the exchange before sending', async () => {
    const v = venue();
    expect(await v.submit(buy('m1', 0.00005))).toMatchObject({ state: 'rejected', code: 'BELOW_MIN_QTY' });
    // 0.0001 BTC at a limit of 1,000 USD costs 0.10 USD, under Kraken's costmin of 0.5.
    expect(await v.submit(buy('m2', 0.0001, { type: 'limit', limitPrice: 1000 }))).toMatchObject({ state: 'rejected', code: 'BELOW_MIN_NOTIONAL' });
    expect(await v.submit(buy('m3', 0, {}))).toMatchObject({ state: 'rejected', code: 'INVALID_QTY' });
    expect(await v.submit(buy('m4', 0.01, { type: 'limit' }))).toMatchObject({ state: 'rejected', code: 'INVALID_LIMIT' });
    expect(await v.submit({ ...buy('m5', 0.01), symbol: 'DOGE-USD' })).toMatchObject({ state: 'rejected', code: 'UNKNOWN_SYMBOL' });
    expect(kraken.ordersReceived()).toBe(0);
    // Quantity is cut to the pair's 8 lot decimals, price to its tick.
    expect(await v.submit(buy('m6', 0.012345678, { type: 'limit', limitPrice: 90000.04 }))).toMatchObject({ state: 'new', qty: 0.01234567 });
    const sent = new URLSearchParams(addOrders()[0]?.body);
    expect([sent.get('volume'), sent.get('price')]).toEqual(['0.01234567', '90000']);
  });

  it('maps the exchange refusing for insufficient funds to INSUFFICIENT_CASH', async () => {
    const v = venue();
    const r = await v.submit(buy('big', 1));
    expect(r).toMatchObject({ clientOrderId: 'big', state: 'rejected', code: 'INSUFFICIENT_CASH', filledQty: 0 });
    expect(r.detail).toMatch(/Insufficient funds/);
    expect(kraken.ordersReceived()).toBe(1);
  });

  it('waits the Retry-After of a 429, then sends the order once', async () => {
    const v = venue();
    kraken.failNext('/0/private/AddOrder', 'rate_limit');
    expect(await v.submit(buy('r1', 0.01))).toMatchObject({ state: 'new' });
    expect(waits).toEqual([1000]);
    expect(kraken.ordersReceived()).toBe(1);
  });

  it('names the venue and the variables to fix when the key is refused, and never sends the secret', async () => {
    const v = venue({ apiKey: 'wrong-key' });
    const err = await v.submit(buy('k1', 0.01)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { venue: 'ccxt:kraken', env: ['CCXT_API_KEY', 'CCXT_SECRET'], reason: 'auth' } });
    expect(String((err as Error).message)).toMatch(/ccxt:kraken refused the API credentials .*EAPI:Invalid key.*check CCXT_API_KEY and CCXT_SECRET/);
    expect(String((err as Error).message)).not.toContain(KRAKEN_SECRET);
    expect(kraken.requests.some((r) => r.body.includes(KRAKEN_SECRET) || Object.values(r.headers).includes(KRAKEN_SECRET))).toBe(false);
    expect(kraken.ordersReceived()).toBe(0);
  });

  it('after a submit whose answer is lost, finds the booked order instead of sending again', async () => {
    const v = venue({ timeoutMs: 300 });
    kraken.failNext('/0/private/AddOrder', 'lose_answer_after_booking');
    expect(await v.submit(buy('t1', 0.01))).toMatchObject({ clientOrderId: 't1', state: 'new', venueOrderId: kraken.txidOf('t1') });
    expect(kraken.ordersReceived()).toBe(1);
    expect(waits).toEqual([5]);
  });

  it('after a submit that never reached the book, looks, finds nothing, and sends once more', async () => {
    const v = venue({ timeoutMs: 300 });
    kraken.failNext('/0/private/AddOrder', 'lose_answer');
    expect(await v.submit(buy('t2', 0.01))).toMatchObject({ state: 'new' });
    expect(kraken.ordersReceived()).toBe(1);
    expect(addOrders()).toHaveLength(2);
  });

  it('reports a timed-out read as NL_ERR_UPSTREAM naming the venue', async () => {
    const v = venue({ timeoutMs: 300 });
    await v.openOrders();
    kraken.failNext('/0/private/BalanceEx', 'lose_answer');
    await expect(v.balances()).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', message: expect.stringMatching(/ccxt:kraken: balance failed: .*timed out/) });
  });

  it('after a restart between submit and fill, a new instance finds the order by its client id', async () => {
    const id = 'smart-trader:BTC-USD:2026-11-29T17:00:00Z:1'; // too long for Kraken: sent as a UUID digest
    const before = venue();
    expect(await before.submit(buy(id, 0.01))).toMatchObject({ state: 'new' });
    const clOrdId = new URLSearchParams(addOrders()[0]?.body).get('cl_ord_id') ?? '';
    expect(clOrdId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const after = venue(); // fresh process state
    expect(await after.submit(buy(id, 0.01))).toMatchObject({ clientOrderId: id, state: 'new' });
    expect(kraken.ordersReceived()).toBe(1);
    kraken.fill(kraken.txidOf(clOrdId), 0.01, '96500.0', '2.50900', T);
    expect(await after.submit(buy(id, 0.01))).toMatchObject({ clientOrderId: id, state: 'filled' });
    expect(kraken.ordersReceived()).toBe(1);
    expect((await after.fillsSince(undefined)).fills.map((f) => f.clientOrderId)).toEqual([id]);
  });

  it('cancels a working order by client id and leaves a finished one alone', async () => {
    const v = venue();
    await v.submit(buy('c1', 0.01, { type: 'limit', limitPrice: 90000 }));
    expect(await v.cancel('c1')).toMatchObject({ clientOrderId: 'c1', state: 'canceled' });
    expect(await v.cancel('c1')).toMatchObject({ state: 'canceled' });
    expect(await v.cancel('never-sent')).toBeUndefined();
    expect(kraken.requests.filter((r) => r.url.pathname === '/0/private/CancelOrder')).toHaveLength(1);
  });
});
