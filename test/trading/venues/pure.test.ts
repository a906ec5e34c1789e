/**
 * The pure parts of the live venues, each against a hand computation: exact cents, retry delays,
 * the submit protocol's decisions, the pre-send checks, client id mapping and the fills cursor.
 */
import { describe, expect, it } from 'vitest';
import type { OrderRequest, OrderStatus } from '../../../src/core/venue.js';
import { decodeCursor, encodeCursor, feeCents, tradesAfter, type CcxtTrade } from '../../../src/trading/venues/ccxt-map.js';
import { venueClientId } from '../../../src/trading/venues/client-ids.js';
import { decimalCents, productCents } from '../../../src/trading/venues/money.js';
import { precheck } from '../../../src/trading/venues/precheck.js';
import { retryDelayMs, submitOnce, type SubmitSteps } from '../../../src/trading/venues/submit.js';

describe('exact cents', () => {
  it('rounds decimal strings half up, away from zero for negatives', () => {
    expect(['0.125', '0.124999', '-0.125', '1237.005', '9032.4900', '7', '.5', '0.005'].map((s) => decimalCents(s))).toEqual([13, 12, -13, 123_701, 903_249, 700, 50, 1]);
    expect(() => decimalCents('1e-3')).toThrow(/not a decimal number/);
  });

  it('multiplies quantity and price without a float in between', () => {
    // 3 × 412.335 = 1237.005; 0.1 × 0.7 = 0.07; 2.5 × 0.333 = 0.8325 → 83.25 cents → 83.
    expect([productCents('3', '412.335'), productCents('0.1', '0.7'), productCents('2.5', '0.333'), productCents('-3', '412.335')]).toEqual([123_701, 7, 83, -123_701]);
  });
});

describe('retryDelayMs', () => {
  it('honours Retry-After in seconds or as a date, else doubles from 500 ms, never past 30 s', () => {
    const now = Date.UTC(2026, 10, 29, 17, 0, 0);
    expect(retryDelayMs('2', 0, now)).toBe(2000);
    expect(retryDelayMs('0', 3, now)).toBe(0);
    expect(retryDelayMs('Sun, 29 Nov 2026 17:00:05 GMT', 0, now)).toBe(5000);
    expect([0, 1, 2, 10].map((a) => retryDelayMs(undefined, a, now))).toEqual([500, 1000, 2000, 30_000]);
    expect(retryDelayMs('3600', 0, now)).toBe(30_000);
    expect(retryDelayMs('soon', 1, now)).toBe(1000);
  });
});

describe('submitOnce', () => {
  const status: OrderStatus = { clientOrderId: 'x', symbol: 'SPY', side: 'buy', qty: 1, filledQty: 0, state: 'new' };
  const timeout = new Error('timed out');
  function steps(over: Partial<SubmitSteps> & { found?: (OrderStatus | undefined)[]; sends?: (() => Promise<OrderStatus>)[] }) {
    const log: string[] = [];
    const found = [...(over.found ?? [])];
    const sends = [...(over.sends ?? [])];
    const s: SubmitSteps = {
      venue: 'test', clientOrderId: 'x', settleMs: 7,
      lookup: async () => (log.push('lookup'), found.shift()),
      send: async () => (log.push('send'), (sends.shift() ?? (async () => status))()),
      isAmbiguous: (e) => e === timeout,
      sleep: async (ms) => void log.push(`sleep ${ms}`),
      ...over,
    };
    return { s, log };
  }

  it('answers with the order the venue already has and sends nothing', async () => {
    const { s, log } = steps({ found: [status] });
    expect(await submitOnce(s)).toBe(status);
    expect(log).toEqual(['lookup']);
  });

  it('after an ambiguous failure waits, looks again, and only then sends again', async () => {
    const { s, log } = steps({ found: [undefined, undefined], sends: [() => Promise.reject(timeout)] });
    expect(await submitOnce(s)).toBe(status);
    expect(log).toEqual(['lookup', 'send', 'sleep 7', 'lookup', 'send']);
  });

  it('does not resend after a clear failure, and gives up with unknown_state after maxSends', async () => {
    const clear = new Error('400 bad request');
    await expect(submitOnce(steps({ sends: [() => Promise.reject(clear)] }).s)).rejects.toBe(clear);
    const { s, log } = steps({ sends: [() => Promise.reject(timeout), () => Promise.reject(timeout)] });
    await expect(submitOnce(s)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { reason: 'unknown_state', client_order_id: 'x' } });
    expect(log.filter((l) => l === 'send')).toHaveLength(2);
  });

  it('fails closed when the look-up after a lost answer fails too', async () => {
    let n = 0;
    const { s } = steps({ sends: [() => Promise.reject(timeout)], lookup: async () => (n++ === 0 ? undefined : Promise.reject(new Error('down'))) });
    await expect(submitOnce(s)).rejects.toMatchObject({ detail: { reason: 'unknown_state' } });
  });
});

describe('precheck', () => {
  const o = (qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId: 'c', symbol: 'BTC-USD', side: 'buy', qty, type: 'market', ...extra });
  it('passes the rounded quantity, and names the rule an order breaks', () => {
    expect(precheck(o(0.0123456789), { roundedQty: 0.01234567, minQty: 0.0001, minCost: 0.5 }, 96_500)).toEqual({ ok: true, qty: 0.01234567 });
    expect(precheck(o(Number.NaN), { roundedQty: 0 }, 1)).toMatchObject({ ok: false, code: 'INVALID_QTY' });
    expect(precheck(o(0.000000001), { roundedQty: 0 }, 1)).toMatchObject({ ok: false, code: 'BELOW_MIN_QTY', detail: expect.stringContaining('rounds down to 0') });
    expect(precheck(o(0.00005), { roundedQty: 0.00005, minQty: 0.0001 }, 96_500)).toMatchObject({ ok: false, code: 'BELOW_MIN_QTY' });
    // 0.0001 × 4,000 = 0.40 < 0.5
    expect(precheck(o(0.0001), { roundedQty: 0.0001, minQty: 0.0001, minCost: 0.5 }, 4000)).toMatchObject({ ok: false, code: 'BELOW_MIN_NOTIONAL', detail: expect.stringContaining('0.40') });
    expect(precheck(o(1, { type: 'limit', limitPrice: -1 }), { roundedQty: 1 }, -1)).toMatchObject({ ok: false, code: 'INVALID_LIMIT' });
  });
});

describe('client ids', () => {
  it('keeps ids Kraken accepts, maps others to a stable UUID, and leaves other exchanges alone', () => {
    const uuid = 'd15708c1-dbb6-465d-b77d-47258319cc90';
    expect(venueClientId('kraken', uuid)).toBe(uuid);
    expect(venueClientId('kraken', 'abc123')).toBe('abc123');
    const long = 'smart-trader:BTC-USD:1';
    const mapped = venueClientId('kraken', long);
    expect(mapped).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(venueClientId('kraken', long)).toBe(mapped);
    expect(venueClientId('kraken', 'smart-trader:BTC-USD:2')).not.toBe(mapped);
    expect(venueClientId('coinbase', long)).toBe(long);
  });
});

describe('fills cursor', () => {
  const t = (id: string, timestamp: number): CcxtTrade => ({ id, order: 'O1', symbol: 'BTC/USD', side: 'buy', amount: 1, price: 10, cost: 10, timestamp, fee: null });
  it('returns each trade once, oldest first, also when several share a millisecond', () => {
    const a = tradesAfter([t('B', 2000), t('A', 1000), t('C', 2000)], undefined);
    expect(a.trades.map((x) => x.id)).toEqual(['A', 'B', 'C']);
    expect(a.cursor).toEqual({ ts: 2000, ids: ['B', 'C'] });
    const b = tradesAfter([t('A', 1000), t('B', 2000), t('C', 2000), t('D', 2000), t('E', 3000)], a.cursor);
    expect(b.trades.map((x) => x.id)).toEqual(['D', 'E']);
    expect(tradesAfter([t('E', 3000)], b.cursor)).toEqual({ trades: [], cursor: b.cursor });
    const sameMs = tradesAfter([t('B', 2000), t('C', 2000), t('D', 2000)], a.cursor);
    expect(sameMs.cursor).toEqual({ ts: 2000, ids: ['B', 'C', 'D'] });
    expect(decodeCursor(encodeCursor({ ts: 5, ids: ['x', 'y'] }))).toEqual({ ts: 5, ids: ['x', 'y'] });
    expect(() => decodeCursor('garbage')).toThrow(/not one this venue issued/);
  });

  it('values a fee charged in the base currency at the trade price', () => {
    const trade = { ...t('F', 1), price: 96_500, fee: { cost: 0.00001, currency: 'BTC' } };
    expect(feeCents(trade, 'USD', 'BTC')).toBe(97); // 0.00001 × 96,500 = 0.965 USD → 96.5 cents → 97
    expect(feeCents({ ...trade, fee: { cost: 2.505, currency: 'USD' } }, 'USD', 'BTC')).toBe(251);
    expect(() => feeCents({ ...trade, fee: { cost: 1, currency: 'EUR' } }, 'USD', 'BTC')).toThrow(/neither BTC nor USD/);
  });
});
