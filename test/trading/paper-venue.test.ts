/**
 * The paper venue: the broker's fill rule behind the Venue port — whole-cent settlement, fill ids
 * derived from the client order id, and idempotency: a second submit of an id returns the first
 * answer and never trades again, also when both submits race for the quote.
 */
import { describe, expect, it } from 'vitest';
import { instrument } from '../../src/market/instruments.js';
import type { Quote } from '../../src/core/market.js';
import { emptyBook } from '../../src/trading/paper-broker.js';
import { createPaperVenue } from '../../src/trading/paper-venue.js';

const quote = (symbol: string, bid: number, ask: number, ts = 1_000): Quote => ({ symbol, ts, bid, ask, last: (bid + ask) / 2, volume: 0, open: true });

function venue(quotes: Record<string, Quote>, async = false) {
  let asked = 0;
  const v = createPaperVenue({
    name: 'paper',
    book: () => emptyBook(10_000),
    quote: (s) => {
      asked++;
      return async ? new Promise<Quote>((ok) => setTimeout(() => ok(quotes[s]!), 5)) : quotes[s]!;
    },
    instrument,
    costs: { feeBps: 25, slippageBps: 0, slippageBpsPer100k: 0 },
    maxOrderNotional: 5_000,
  });
  return { v, asked: () => asked };
}

describe('paper venue', () => {
  it('fills at the touch, settles notional and fee in whole cents half up, and ids the fill by the order', async () => {
    const { v } = venue({ SPY: quote('SPY', 100.1, 100.13) });
    const st = await v.submit({ clientOrderId: 'o-1', symbol: 'SPY', side: 'buy', qty: 7, type: 'market' });
    expect(st).toMatchObject({ state: 'filled', filledQty: 7, avgPrice: 100.13 });
    const { fills, cursor } = await v.fillsSince(undefined);
    // 7 × 100.13 = 700.91; 25 bp of 70,091 cents = 175.2275 → 175 cents.
    expect(fills).toEqual([{ fillId: 'o-1#1', clientOrderId: 'o-1', symbol: 'SPY', side: 'buy', qty: 7, price: 100.13, notionalCents: 70_091, feeCents: 175, ts: 1_000 }]);
    expect((await v.balances()).cashCents).toBe(1_000_000 - 70_091 - 175);
    expect((await v.fillsSince(cursor)).fills).toEqual([]);
    expect(await v.openOrders()).toEqual([]);
  });

  it('never trades twice on the same client order id, even when the submits race for the quote', async () => {
    const { v, asked } = venue({ SPY: quote('SPY', 100, 100) }, true);
    const req = { clientOrderId: 'o-2', symbol: 'SPY', side: 'buy' as const, qty: 3, type: 'market' as const };
    const [a, b] = await Promise.all([v.submit(req), v.submit(req)]);
    const c = await v.submit(req);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(asked()).toBe(1);
    expect((await v.fillsSince(undefined)).fills).toHaveLength(1);
    expect(v.book().positions.SPY?.qty).toBe(3);
    expect(await v.order('o-2')).toEqual(a);
    expect(await v.order('never-sent')).toBeUndefined();
  });

  it('answers a refused order with its reason code and changes nothing; a limit that is not marketable is canceled', async () => {
    const { v } = venue({ SPY: quote('SPY', 100, 100.02) });
    const tooBig = await v.submit({ clientOrderId: 'o-3', symbol: 'SPY', side: 'buy', qty: 60, type: 'market' });
    expect(tooBig).toMatchObject({ state: 'rejected', code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER', filledQty: 0 });
    const limit = await v.submit({ clientOrderId: 'o-4', symbol: 'SPY', side: 'buy', qty: 1, type: 'limit', limitPrice: 99 });
    expect(limit).toMatchObject({ state: 'canceled', code: 'LIMIT_NOT_MARKETABLE' });
    expect((await v.balances()).cashCents).toBe(1_000_000);
    expect((await v.fillsSince(undefined)).fills).toEqual([]);
  });

  it('answers synchronously through submitNow with the same book and fills, and refuses an async quote source there', async () => {
    const { v } = venue({ SPY: quote('SPY', 50, 50) });
    expect(v.submitNow({ clientOrderId: 'n-1', symbol: 'SPY', side: 'buy', qty: 2, type: 'market' }).state).toBe('filled');
    expect(await v.submit({ clientOrderId: 'n-1', symbol: 'SPY', side: 'buy', qty: 2, type: 'market' })).toMatchObject({ state: 'filled' });
    expect(v.fillsSinceNow(undefined).fills.map((f) => f.fillId)).toEqual(['n-1#1']);
    const { v: slow } = venue({ SPY: quote('SPY', 50, 50) }, true);
    expect(() => slow.submitNow({ clientOrderId: 'n-2', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' })).toThrow(/synchronous quote source/);
  });
  it('reads from any cursor: the one it handed out last, an older one, one past the end, or none that it knows', () => {
    const { v } = venue({ SPY: quote('SPY', 100, 100) });
    const ids = (c: string | undefined): string[] => v.fillsSinceNow(c).fills.map((f) => f.clientOrderId);
    v.submitNow({ clientOrderId: 'a', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' });
    const one = v.fillsSinceNow(undefined).cursor;
    expect(one).toBe('1');
    v.submitNow({ clientOrderId: 'b', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' });
    v.submitNow({ clientOrderId: 'c', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' });
    expect(ids(one)).toEqual(['b', 'c']);
    expect(ids('3')).toEqual([]);
    expect(ids(one)).toEqual(['b', 'c']);
    expect(ids('2')).toEqual(['c']);
    expect(ids('02')).toEqual(['c']);
    expect(ids('99')).toEqual([]);
    expect(v.fillsSinceNow('99').cursor).toBe('3');
    for (const unknown of [undefined, '', 'x', '-1', '1.5']) expect(ids(unknown)).toEqual(['a', 'b', 'c']);
  });
  it('forget() drops what was read: cursors keep counting, the book is kept, and only then may an id trade again', () => {
    const { v } = venue({ SPY: quote('SPY', 100, 100) });
    v.submitNow({ clientOrderId: 'a', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' });
    v.submitNow({ clientOrderId: 'b', symbol: 'SPY', side: 'buy', qty: 2, type: 'market' });
    const first = v.fillsSinceNow(undefined);
    expect(first.fills.map((f) => f.clientOrderId)).toEqual(['a', 'b']);
    expect(first.cursor).toBe('2');
    v.forget();
    expect(v.book().positions.SPY!.qty).toBe(3);
    expect(v.fillsSinceNow(first.cursor)).toEqual({ fills: [], cursor: '2' });
    v.submitNow({ clientOrderId: 'c', symbol: 'SPY', side: 'sell', qty: 1, type: 'market' });
    // A cursor from before the forgotten fills starts at the first fill still held.
    expect(v.fillsSinceNow('0').fills.map((f) => f.clientOrderId)).toEqual(['c']);
    expect(v.fillsSinceNow(first.cursor)).toMatchObject({ cursor: '3', fills: [{ clientOrderId: 'c', qty: 1 }] });
    // Forgotten, 'a' is a new order: the caller of forget() promises never to repeat an id.
    expect(v.submitNow({ clientOrderId: 'a', symbol: 'SPY', side: 'buy', qty: 1, type: 'market' }).state).toBe('filled');
    expect(v.book().positions.SPY!.qty).toBe(3);
  });
});
