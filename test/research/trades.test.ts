import { describe, expect, it } from 'vitest';
import { exposureTime, tradeList, tradeStats, type Fill } from '../../src/research/trades.js';

const f = (ts: number, symbol: string, side: 'buy' | 'sell', qty: number, price: number, fee: number): Fill => ({ ts, symbol, side, qty, price, fee });

// Hand computation, average cost with fees in the cost basis:
// AAA: buy 10@100 fee 2 → avg 100.2; buy 10@110 fee 3 → avg (1002+1100+3)/20 = 105.25;
//      sell 5@120 fee 1 → (120−105.25)·5 − 1 = 72.75; sell 15@100 fee 2.5 → (100−105.25)·15 − 2.5 = −81.25.
//      Cash check: out 2105, in 599 + 1497.5 = 2096.5, net −8.5 = 72.75 − 81.25.
// BBB: buy 4@50; sell 4@55 fee 0.4 → 19.6.
// CCC: buy 2@10; sell 5@12 fee 0.5 crosses zero: closes 2 → 4 − 0.2 = 3.8, opens a short of 3 at
//      (36 − 0.3)/3 = 11.9; buy 3@11 fee 0.3 → (11.9 − 11)·3 − 0.3 = 2.4. Cash: −20 + 59.5 − 33.3 = 6.2 = 3.8 + 2.4.
const fills: Fill[] = [
  f(1, 'AAA', 'buy', 10, 100, 2),
  f(2, 'AAA', 'buy', 10, 110, 3),
  f(3, 'AAA', 'sell', 5, 120, 1),
  f(4, 'BBB', 'buy', 4, 50, 0),
  f(5, 'AAA', 'sell', 15, 100, 2.5),
  f(6, 'BBB', 'sell', 4, 55, 0.4),
  f(7, 'CCC', 'buy', 2, 10, 0),
  f(8, 'CCC', 'sell', 5, 12, 0.5),
  f(9, 'CCC', 'buy', 3, 11, 0.3),
];

describe('trade list with average-cost realised P&L', () => {
  it('realises P&L net of every fee, on closing fills only', () => {
    const t = tradeList(fills, 'rebalance');
    expect(t.map((x) => x.realized_pnl)).toEqual([null, null, 72.75, null, -81.25, 19.6, null, 3.8, 2.4]);
    expect(t[0]).toEqual({ time: '1970-01-01T00:00:00.001Z', symbol: 'AAA', side: 'buy', quantity: 10, price: 100, fee: 2, realized_pnl: null, reason: 'rebalance' });
    expect(tradeList([{ ...fills[0]!, reason: 'drawdown tier_1' }], 'x')[0]!.reason).toBe('drawdown tier_1');
  });

  it('win rate and profit factor over closing fills', () => {
    const s = tradeStats(tradeList(fills, 'rebalance'));
    expect(s.closed_trades).toBe(5);
    expect(s.win_rate).toBe(0.8);
    // (72.75 + 19.6 + 3.8 + 2.4) / 81.25
    expect(s.profit_factor).toBeCloseTo(98.55 / 81.25, 12);
    expect(tradeStats(tradeList(fills.slice(0, 3), 'x'))).toEqual({ closed_trades: 1, win_rate: 1, profit_factor: null });
    expect(tradeStats([])).toEqual({ closed_trades: 0, win_rate: null, profit_factor: null });
  });

  it('exposure time: share of bars after which something is held', () => {
    expect(exposureTime([1, 2, 3, 4, 5], [f(2, 'A', 'buy', 1, 1, 0), f(4, 'A', 'sell', 1, 1, 0)])).toBe(0.4);
    // Two symbols overlapping count once; dust from partial sells is flat.
    expect(exposureTime([1, 2, 3, 4], [f(1, 'A', 'buy', 0.3, 1, 0), f(2, 'B', 'buy', 1, 1, 0), f(2, 'A', 'sell', 0.1, 1, 0), f(3, 'A', 'sell', 0.2, 1, 0), f(4, 'B', 'sell', 1, 1, 0)])).toBe(0.75);
    expect(exposureTime([], [])).toBeNull();
  });
});
