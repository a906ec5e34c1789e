/**
 * The fill columns' trade statistics equal research/trades.ts's over the same fills as objects, bit
 * for bit: a hand-made sequence (adds, partial closes, a fee on each) and a real multi-asset run.
 */
import { describe, expect, it } from 'vitest';
import { FillLog } from '../../src/backtest/fill-log.js';
import { runBacktest } from '../../src/backtest/run.js';
import { exposureTime, tradeList, tradeStats } from '../../src/research/trades.js';

const byObjects = (log: FillLog, ts: ArrayLike<number>): ReturnType<FillLog['tradeFigures']> => {
  const fills = log.toArray();
  const s = tradeStats(tradeList(fills, 'rebalance'));
  return { win_rate: s.win_rate, profit_factor: s.profit_factor, exposure_time: exposureTime(ts, fills), closed_trades: s.closed_trades };
};

describe('FillLog', () => {
  it('gives back each fill as settled, fee in dollars from its cents', () => {
    const log = new FillLog(['A', 'B']);
    log.add({ ts: 5, symbol: 'B', side: 'sell', qty: 0.25, price: 101.5, feeCents: 3, notionalCents: 2538 });
    expect(log.length).toBe(1);
    expect(log.at(0)).toEqual({ ts: 5, symbol: 'B', side: 'sell', qty: 0.25, price: 101.5, fee: 0.03, feeCents: 3, notionalCents: 2538 });
    expect(() => log.add({ ts: 6, symbol: 'C', side: 'buy', qty: 1, price: 1, feeCents: 0, notionalCents: 100 })).toThrow(/C/);
  });

  it('keeps every fill as its columns grow past their first capacity', () => {
    const log = new FillLog(['A', 'B', 'C']);
    const fill = (k: number) => ({ ts: 1_000 + k, symbol: ['A', 'B', 'C'][k % 3]!, side: k % 2 === 0 ? ('buy' as const) : ('sell' as const), qty: k / 8, price: 100 + k / 3, feeCents: k % 17, notionalCents: 1_000 * k });
    for (let k = 0; k < 1_500; k++) log.add(fill(k));
    expect(log.length).toBe(1_500);
    for (let k = 0; k < 1_500; k++) expect(log.at(k)).toEqual({ ...fill(k), fee: (k % 17) / 100 });
  });

  it('computes win rate, profit factor, closed trades and exposure as the object path does', () => {
    const log = new FillLog(['A', 'B']);
    const rows: [number, 'A' | 'B', 'buy' | 'sell', number, number, number][] = [
      [1, 'A', 'buy', 10, 100, 100], [2, 'B', 'buy', 3, 50, 15], [3, 'A', 'buy', 5, 104, 52], [4, 'A', 'sell', 4, 110, 44],
      [5, 'B', 'sell', 3, 45, 14], [6, 'A', 'sell', 11, 98.5, 108], [7, 'B', 'buy', 2, 47, 9], [9, 'B', 'sell', 2, 49, 10],
    ];
    for (const [ts, symbol, side, qty, price, feeCents] of rows) log.add({ ts, symbol, side, qty, price, feeCents, notionalCents: Math.round(qty * price * 100) });
    const ts = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const got = log.tradeFigures(ts);
    expect(got).toEqual(byObjects(log, ts));
    expect(got.closed_trades).toBe(4);
    // Bars between, at and around the fills: before the first, several fills to a bar, none after the last fill or past the last bar.
    for (const bars of [[0.5, 2.5, 5, 5.5, 8], [3, 3.5, 6], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [8.5, 9, 12], [10, 11], [1], [], [4, 4.5, 5, 6, 6.5, 7, 9]]) {
      const bts = Float64Array.from(bars);
      expect(log.tradeFigures(bts), bars.join(',')).toEqual(byObjects(log, bts));
    }
  });

  it('matches the object path on a simulated multi-asset run with fees', async () => {
    const out = await runBacktest({ strategy: 'sma-cross', params: { fast: 5, slow: 20 }, symbols: ['SPY', 'QQQ', 'BTC-USD'], from: Date.UTC(2022, 0, 1), to: Date.UTC(2023, 11, 31), seed: 7, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 100_000, size: 'target' });
    expect(out.result.fills.length).toBeGreaterThan(50);
    expect(out.result.fills.tradeFigures(out.data.ts)).toEqual(byObjects(out.result.fills, out.data.ts));
  });
});
