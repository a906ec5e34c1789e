import { describe, expect, it } from 'vitest';
import { instrument } from '../../src/market/instruments.js';
import type { Quote } from '../../src/market/types.js';
import { emptyBook, equityOf, fillLimitOrder, fillMarketOrder, type Book } from '../../src/trading/paper-broker.js';

const quote = (symbol: string, bid: number, ask: number, open = true): Quote => ({ symbol, ts: 0, bid, ask, last: (bid + ask) / 2, volume: 0, open });
const COSTS = { slippageBps: 1, slippageBpsPer100k: 2 };

describe('paper broker', () => {
  it('keeps cash + marked positions = equity after every fill, fees included', () => {
    let book: Book = emptyBook(100_000);
    let fees = 0;
    const steps: [string, 'buy' | 'sell', number, number, number][] = [
      ['SPY', 'buy', 10, 500, 500.05],
      ['BTC-USD', 'buy', 0.5, 60_000, 60_010],
      ['SPY', 'sell', 4, 510, 510.05],
      ['BTC-USD', 'sell', 0.5, 59_000, 59_010],
      ['SPY', 'sell', 6, 490, 490.05],
    ];
    for (const [sym, side, qty, bid, ask] of steps) {
      const before = book;
      const r = fillMarketOrder(book, { symbol: sym, side, qty }, quote(sym, bid, ask), instrument(sym), 1e9, COSTS);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      book = r.book;
      fees += r.fill.fee;
      // Marked at the fill price, equity moves by exactly -fee (and realised P&L stays consistent).
      const marks = { ...Object.fromEntries(Object.entries(before.positions).map(([s, p]) => [s, p.avgPrice])), [sym]: r.fill.price };
      const cashDelta = (book.cashCents - before.cashCents) / 100;
      const posDelta = equityOf(book, marks) - book.cashCents / 100 - (equityOf(before, marks) - before.cashCents / 100);
      expect(cashDelta + posDelta).toBeCloseTo(-r.fill.fee, 2);
      expect(r.fill.price).toBeGreaterThan(side === 'buy' ? ask : 0);
      if (side === 'sell') expect(r.fill.price).toBeLessThan(bid);
    }
    expect(book.positions).toEqual({});
    expect(book.feesPaid).toBeCloseTo(fees, 6);
    // Flat book: equity is cash, and the P&L identity holds to the cent.
    expect(book.cashCents / 100).toBeCloseTo(100_000 + book.realizedPnl - book.feesPaid, 1);
  });

  it('rejects orders that break a limit, changing nothing', () => {
    const book = emptyBook(1_000);
    const cases: [Parameters<typeof fillMarketOrder>, string][] = [
      [[book, { symbol: 'SPY', side: 'buy', qty: 0.5 }, quote('SPY', 500, 500.1), instrument('SPY'), 1e9], 'LOT_SIZE'],
      [[book, { symbol: 'SPY', side: 'buy', qty: 1 }, quote('SPY', 500, 500.1, false), instrument('SPY'), 1e9], 'MARKET_CLOSED'],
      [[book, { symbol: 'SPY', side: 'buy', qty: 1 }, quote('SPY', 500, 500.1), instrument('SPY'), 100], 'NOTIONAL_EXCEEDS_MAX_PER_ORDER'],
      [[book, { symbol: 'SPY', side: 'buy', qty: 3 }, quote('SPY', 500, 500.1), instrument('SPY'), 1e9], 'INSUFFICIENT_CASH'],
      [[book, { symbol: 'SPY', side: 'sell', qty: 1 }, quote('SPY', 500, 500.1), instrument('SPY'), 1e9], 'INSUFFICIENT_POSITION'],
      [[book, { symbol: 'SPY', side: 'buy', qty: -1 }, quote('SPY', 500, 500.1), instrument('SPY'), 1e9], 'INVALID_QTY'],
    ];
    const snapshot = JSON.stringify(book);
    for (const [args, code] of cases) {
      const r = fillMarketOrder(...args);
      expect(r.ok ? 'ok' : r.code).toBe(code);
      expect(JSON.stringify(book)).toBe(snapshot);
    }
  });

  it('fills a marketable limit order at the touch and cancels one that is not (immediate-or-cancel)', () => {
    const book = emptyBook(10_000);
    const q = quote('SPY', 500, 500.1);
    const costs = { slippageBps: 0, slippageBpsPer100k: 0 };
    const filled = fillLimitOrder(book, { symbol: 'SPY', side: 'buy', qty: 2, limitPrice: 501 }, q, instrument('SPY'), 1e9, costs);
    expect(filled.ok && filled.fill.price).toBe(500.1);
    const cancelled = fillLimitOrder(book, { symbol: 'SPY', side: 'buy', qty: 2, limitPrice: 500 }, q, instrument('SPY'), 1e9, costs);
    expect(cancelled.ok ? 'filled' : cancelled.code).toBe('LIMIT_NOT_MARKETABLE');
    expect(fillLimitOrder(book, { symbol: 'SPY', side: 'buy', qty: 2, limitPrice: Number.NaN }, q, instrument('SPY'), 1e9, costs).ok).toBe(false);
  });
});
