import { describe, expect, it } from 'vitest';
import { instrument } from '../../src/market/instruments.js';
import type { Quote } from '../../src/core/market.js';
import { allInQty, applyFill, emptyBook, equityOf, fillLimitOrder, fillMarketOrder, type Book } from '../../src/trading/paper-broker.js';

const quote = (symbol: string, bid: number, ask: number, open = true): Quote => ({ symbol, ts: 0, bid, ask, last: (bid + ask) / 2, volume: 0, open });
const COSTS = { slippageBps: 1, slippageBpsPer100k: 2 };

describe('paper broker', () => {
  it('settles every fill in whole cents and keeps the book in integer cents, fees included', () => {
    let book: Book = emptyBook(100_000);
    let fees = 0;
    let flows = 0;
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
      // Independently: notional = qty × price rounded half up to cents; fee = notional × bps, half up.
      const notionalCents = Math.floor(qty * r.fill.price * 100 + 0.5);
      const feeCents = Math.floor((notionalCents * instrument(sym).feeBps) / 10_000 + 0.5);
      expect(r.fill.notionalCents).toBe(notionalCents);
      expect(r.fill.feeCents).toBe(feeCents);
      expect(book.cashCents - before.cashCents).toBe(side === 'buy' ? -notionalCents - feeCents : notionalCents - feeCents);
      fees += feeCents;
      flows += side === 'buy' ? -notionalCents : notionalCents;
      expect(r.fill.price).toBeGreaterThan(side === 'buy' ? ask : 0);
      if (side === 'sell') expect(r.fill.price).toBeLessThan(bid);
    }
    expect(book.positions).toEqual({});
    expect(Number.isInteger(book.feesPaidCents) && Number.isInteger(book.realizedPnlCents)).toBe(true);
    expect(book.feesPaidCents).toBe(fees);
    expect(book.cashCents).toBe(10_000_000 + flows - fees);
    // Realised P&L is settled per fill: within half a cent per sell of the cash identity.
    expect(Math.abs(book.realizedPnlCents - (flows))).toBeLessThanOrEqual(3);
    expect(equityOf(book, {})).toBe(book.cashCents / 100);
  });

  it('keeps the other positions in their order when one is sold out, and leaves the book it was given alone', () => {
    // The order of the positions is the order equity and exposure are summed in: a closed position
    // drops out and a reopened one comes last, as a spread copy and \`delete\` would leave them.
    const fill = (symbol: string, side: 'buy' | 'sell', qty: number) => ({ symbol, side, qty, price: 10, notionalCents: qty * 1000, feeCents: 3 });
    let book: Book = emptyBook(10_000);
    for (const s of ['A', 'B', 'C', 'D']) book = applyFill(book, fill(s, 'buy', 2));
    const before = book;
    book = applyFill(book, fill('B', 'sell', 2));
    expect(Object.keys(book.positions)).toEqual(['A', 'C', 'D']);
    expect(Object.keys(before.positions)).toEqual(['A', 'B', 'C', 'D']);
    book = applyFill(book, fill('C', 'sell', 1));
    book = applyFill(book, fill('B', 'buy', 1));
    expect(Object.keys(book.positions)).toEqual(['A', 'C', 'D', 'B']);
    expect(book.positions.C).toEqual({ qty: 1, avgPrice: 10 });
    // Cash: 10,000 − 4 × (20 + 0.03) + (20 − 0.03) + (10 − 0.03) − (10 + 0.03), in cents.
    expect(book.cashCents).toBe(1_000_000 - 4 * 2003 + 1997 + 997 - 1003);
    expect(book.feesPaidCents).toBe(7 * 3);
    const marks = { A: 11, C: 9, D: 12, B: 10.5 };
    expect(equityOf(book, marks)).toBe(book.cashCents / 100 + 2 * 11 + 1 * 9 + 2 * 12 + 1 * 10.5);
  });

  it('applies a fill to the book it is given, and to an equal book alike, when the same fill was just applied to another', () => {
    const fill = { symbol: 'SPY', side: 'buy' as const, qty: 2, price: 10, notionalCents: 2000, feeCents: 3 };
    const a = emptyBook(100);
    const b = emptyBook(50);
    const afterA = applyFill(a, fill);
    // The same book and fill again: the same result (the backtest's venue and order loop do this).
    expect(applyFill(a, fill)).toBe(afterA);
    // Another book, or another fill, is applied afresh.
    expect(applyFill(b, fill).cashCents).toBe(5_000 - 2_003);
    expect(applyFill(a, { ...fill, price: 11 }).positions.SPY).toEqual({ qty: 2, avgPrice: 11 });
    expect(applyFill(a, { ...fill, feeCents: 4 }).cashCents).toBe(10_000 - 2_004);
    expect(applyFill(a, { ...fill, side: 'sell' }).positions).toEqual({});
    expect(applyFill(emptyBook(100), fill)).toEqual(afterA);
    expect(a).toEqual(emptyBook(100));
  });
  it('sums fees as integer cents, not floats (0.1 + 0.2 is 0.30, not 0.30000000000000004)', () => {
    // At 100 bp a $10 notional pays 10 cents and a $20 one 20 cents: fees paid are exactly 30 cents.
    let book: Book = emptyBook(1_000);
    const noSlip = { feeBps: 100, slippageBps: 0, slippageBpsPer100k: 0 };
    for (const px of [10, 20]) {
      const r = fillMarketOrder(book, { symbol: 'SPY', side: 'buy', qty: 1 }, quote('SPY', px, px), instrument('SPY'), 1e9, noSlip);
      if (!r.ok) throw new Error(r.code);
      book = r.book;
    }
    expect(book.feesPaidCents).toBe(30);
    expect(book.feesPaidCents / 100).toBe(0.3);
    expect(book.cashCents).toBe(100_000 - 3_000 - 30);
  });

  it('all-in sizing buys the largest whole number of units whose notional plus fee fits in the cash', () => {
    const noSlip = { feeBps: 10, slippageBps: 0, slippageBpsPer100k: 0 };
    const q = quote('SPY', 99.99, 99.99);
    // $10,000 at $99.99 with 10 bp: 100 units cost 999,900 + 1,000 (999.9 half up) cents > 1,000,000; 99 fit.
    expect(allInQty(1_000_000, q, instrument('SPY'), noSlip)).toBe(99);
    for (const cash of [1, 10_009, 10_010, 1_000_000, 123_456_789]) {
      const n = allInQty(cash, q, instrument('SPY'), noSlip);
      const cost = (k: number): number => k * 9_999 + Math.floor((k * 9_999 * 10) / 10_000 + 0.5);
      expect(cost(n)).toBeLessThanOrEqual(cash);
      expect(cost(n + 1)).toBeGreaterThan(cash);
    }
  });

  it('takes every whole number of lots, however many, and refuses a quantity with a digit past its lot', () => {
    const cash = emptyBook(1e12);
    const pair = { ...instrument('BTC-USD'), symbol: 'BTC/USDT', lotSize: 1e-5 };
    let x = 17;
    for (const inst of [instrument('BTC-USD'), pair]) {
      const places = Math.round(-Math.log10(inst.lotSize));
      for (let k = 0; k < 2_000; k++) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        // Up to 10^10 lots, as sizing makes them: whole lots, cleaned to the lot's decimals.
        const lots = Math.floor((x / 2_147_483_648) * 10 ** (1 + (k % 10)));
        const qty = Number((lots * inst.lotSize).toFixed(places));
        if (!(qty > 0)) continue;
        const r = fillMarketOrder(cash, { symbol: inst.symbol, side: 'buy', qty }, quote(inst.symbol, 1, 1), inst, Number.POSITIVE_INFINITY, { slippageBps: 0, slippageBpsPer100k: 0 });
        expect(r.ok ? 'ok' : `${r.code}: ${r.detail}`, `${qty} of ${inst.symbol}`).toBe('ok');
        const off = Number((qty + inst.lotSize / 10).toFixed(places + 1));
        const bad = fillMarketOrder(cash, { symbol: inst.symbol, side: 'buy', qty: off }, quote(inst.symbol, 1, 1), inst, Number.POSITIVE_INFINITY);
        expect(bad.ok ? 'ok' : bad.code, `${off} of ${inst.symbol}`).toBe('LOT_SIZE');
      }
    }
  });

  it('all-in sizing buys whole lots: a fraction of a bitcoin, with fees and slippage, to the last lot that fits', () => {
    const costs = { feeBps: 10, slippageBps: 0.5, slippageBpsPer100k: 1 };
    const pair = { ...instrument('BTC-USD'), symbol: 'BTC/USDT', lotSize: 1e-5 };
    // The cost in cents of q at this ask, from the fee and slippage definitions (docs/backtest.md).
    const centsOf = (q: number, ask: number): number => {
      const price = ask * (1 + (costs.slippageBps + costs.slippageBpsPer100k * ((q * ask) / 100_000)) / 10_000);
      const notional = Math.round(q * price * 100);
      return notional + Math.round((notional * costs.feeBps) / 10_000);
    };
    for (const [inst, ask, cash] of [
      [instrument('BTC-USD'), 61_234.56, 1_000_000],
      [instrument('BTC-USD'), 61_234.56, 123_456_789_012],
      [pair, 97_000.5, 1_000_000],
      [pair, 0.123, 50_000],
      [instrument('SPY'), 512.34, 1_000_000],
    ] as const) {
      const q = allInQty(cash, quote(inst.symbol, ask - 0.01, ask), inst, costs);
      const lots = Math.round(q / inst.lotSize);
      expect(q, `${inst.symbol} at ${ask}`).toBeGreaterThan(0);
      expect(Math.abs(q / inst.lotSize - lots)).toBeLessThan(1e-6);
      expect(centsOf(q, ask)).toBeLessThanOrEqual(cash);
      expect(centsOf(Number(((lots + 1) * inst.lotSize).toFixed(8)), ask)).toBeGreaterThan(cash);
      // And the venue takes it as it is: a whole number of lots that the cash pays for.
      const r = fillMarketOrder(emptyBook(cash / 100), { symbol: inst.symbol, side: 'buy', qty: q }, quote(inst.symbol, ask - 0.01, ask), inst, Number.POSITIVE_INFINITY, costs);
      expect(r.ok && r.book.cashCents, `${inst.symbol} ${q} at ${ask}`).toBe(cash - centsOf(q, ask));
    }
    // Less than a lot's cost buys nothing.
    expect(allInQty(50_000, quote('SPY', 512.33, 512.34), instrument('SPY'), costs)).toBe(0);
    expect(allInQty(0, quote('BTC-USD', 61_234, 61_235), instrument('BTC-USD'), costs)).toBe(0);
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
