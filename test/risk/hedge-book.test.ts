/** The hedge book's money by hand: a SPY short opened at the bid, borrow per night, marked at the mid, bought back at the ask, in cents. */
import { describe, expect, it } from 'vitest';
import type { HedgeLedgerRow } from '../../src/contracts/capital.js';
import type { Quote } from '../../src/core/market.js';
import { borrowRows, closeHedgeRow, foldHedgeLedger, hedgeDollars, openHedgeRow, unrealizedCents, type KeyedRow } from '../../src/risk/hedge-book.js';

const costs = { feeBps: 1, borrowPerYear: 0.003, lotSize: 1 };
const quote = (mid: number, open = true): Quote => ({ symbol: 'SPY', ts: 0, bid: mid - 0.05, ask: mid + 0.05, last: mid, volume: 1, open });
const T = Date.parse('2026-03-16T15:00:00Z');
const DAY = 86_400_000;
const rows = (k: readonly KeyedRow[]): HedgeLedgerRow[] => k.map((r) => ({ ...r.row, seq: 0, key: r.key }) as unknown as HedgeLedgerRow);

describe('hedge book', () => {
  it('opens, charges borrow per night, marks and closes a SPY short in whole cents', () => {
    const open = openHedgeRow({ id: 'h1', factor: 'SPY', notional: 5_000, quote: quote(500), costs, mode: 'sim', nowMs: T, reason: 'test' })!;
    // floor(5000 / 499.95) = 10 shares at the bid 499.95 = $4,999.50; fee 1 bp = 49.995 ¢ → 50 ¢.
    expect(open.key).toBe('h1:open');
    expect(open.row).toMatchObject({ event: 'open', qty: 10, price: 499.95, fee_cents: 50, realized_cents: -50 });
    let book = foldHedgeLedger(rows([open]));
    expect(book.open).toHaveLength(1);
    // Marked at the mid 490: (499.95 − 490) × 10 = $99.50.
    expect(unrealizedCents(book.open[0]!, 490)).toBe(9_950);
    expect(hedgeDollars(book.open, { SPY: 490 })).toEqual({ SPY: -4_900 });

    // Three days later: the nights to 03-17, 03-18 and 03-19, each 10 × 490 × 0.003 / 365 = 4.03 ¢ → 4 ¢.
    const borrow = borrowRows(book.open[0]!, quote(490), costs, 'sim', T + 3 * DAY);
    expect(borrow.map((b) => [b.key, b.row.borrow_cents])).toEqual([
      ['h1:borrow:2026-03-17', 4],
      ['h1:borrow:2026-03-18', 4],
      ['h1:borrow:2026-03-19', 4],
    ]);
    book = foldHedgeLedger(rows([open, ...borrow]));
    // Booked nights are not charged again.
    expect(borrowRows(book.open[0]!, quote(490), costs, 'sim', T + 3 * DAY)).toEqual([]);

    // Bought back at the ask 490.05: $4,900.50, fee 49.005 ¢ → 49 ¢; price P&L 499950 − 490050 = 9,900 ¢.
    const close = closeHedgeRow(book.open[0]!, quote(490), costs, 'sim', T + 3 * DAY, 'back inside')!;
    expect(close.row).toMatchObject({ event: 'close', price: 490.05, fee_cents: 49, realized_cents: 9_851 });
    book = foldHedgeLedger(rows([open, ...borrow, close]));
    expect(book.open).toEqual([]);
    // By hand: $99.00 on the price − $0.50 − $0.49 fees − $0.12 borrow = $97.89.
    expect(book.realizedCents).toBe(9_789);
    expect(book.closed[0]).toMatchObject({ id: 'h1', qty: 10, entryPrice: 499.95, exitPrice: 490.05, feeCents: 99, borrowCents: 12, realizedCents: 9_789 });
  });

  it('opens nothing when the market is closed or the notional is under one lot; BTC in 1e-8 lots', () => {
    expect(openHedgeRow({ id: 'h', factor: 'SPY', notional: 5_000, quote: quote(500, false), costs, mode: 'sim', nowMs: T, reason: '' })).toBeNull();
    expect(openHedgeRow({ id: 'h', factor: 'SPY', notional: 400, quote: quote(500), costs, mode: 'sim', nowMs: T, reason: '' })).toBeNull();
    const btc: Quote = { symbol: 'BTC-USD', ts: 0, bid: 80_000, ask: 80_024, last: 80_012, volume: 1, open: true };
    const row = openHedgeRow({ id: 'b', factor: 'BTC-USD', notional: 1_000, quote: btc, costs: { feeBps: 26, borrowPerYear: 0.1, lotSize: 1e-8 }, mode: 'paper', nowMs: T, reason: '' })!;
    // 1000 / 80000 = 0.0125 BTC = $1,000.00; fee 26 bp = $2.60.
    expect(row.row).toMatchObject({ qty: 0.0125, price: 80_000, fee_cents: 260, realized_cents: -260, mode: 'paper' });
  });
});
