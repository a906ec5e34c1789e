/**
 * The VaR history the SmartTrader fetches is aligned by date (issue 11, defect 8): in paper mode
 * Yahoo's daily bars skip weekends and ccxt's do not; the old `slice(-n)` put a coin's weekend
 * returns beside an ETF's weekday ones.
 */
import { describe, expect, it } from 'vitest';
import type { Bar, MarketData } from '../../src/core/market.js';
import { forecastVar } from '../../src/risk/checks.js';
import { dailyReturns } from '../../src/risk/returns-history.js';
import { DEFAULT_LIMITS } from '../../src/risk/types.js';

const D = 86_400_000;
const NOW = Date.UTC(2025, 2, 12, 12); // a Wednesday
const close = (symbol: string, day: number): number => (symbol === 'BTC-USD' ? 50_000 * (1 + 0.03 * Math.sin(day)) : 500 * (1 + 0.01 * Math.cos(day * 1.7)));
const isWeekend = (ts: number): boolean => [0, 6].includes(new Date(ts).getUTCDay());

/** ccxt-like BTC bars every day, Yahoo-like SPY bars on weekdays only (at a different hour). */
const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts) => ({ symbol, ts, bid: 1, ask: 1, last: 1, volume: 0, open: true }),
  bars: async (symbol, from, to) => {
    const out: Bar[] = [];
    for (let day = Math.ceil(from / D); day * D < to; day++) {
      const ts = day * D + (symbol === 'SPY' ? 14.5 : 0) * 3_600_000;
      if (symbol === 'SPY' && isWeekend(ts)) continue;
      const c = close(symbol, day);
      out.push({ ts, open: c, high: c, low: c, close: c, volume: 1 });
    }
    return out;
  },
};

describe('dailyReturns for the order-level VaR', () => {
  it('returns of both assets run between the same weekdays', async () => {
    const r = (await dailyReturns(market, ['BTC-USD', 'SPY'], NOW))!;
    const days: number[] = [];
    for (let day = Math.ceil((NOW - 70 * D) / D); day * D < NOW; day++) if (!isWeekend(day * D)) days.push(day);
    const expected = (s: string): number[] => days.slice(1).map((d, i) => close(s, d) / close(s, days[i]!) - 1);
    expect(r.SPY).toEqual(expected('SPY'));
    expect(r['BTC-USD']).toEqual(expected('BTC-USD'));
    expect(r['BTC-USD']!.length).toBeGreaterThanOrEqual(DEFAULT_LIMITS.minHistory);
  });

  it('the VaR scenario therefore adds moves of the same days', async () => {
    const r = (await dailyReturns(market, ['BTC-USD', 'SPY'], NOW))!;
    const snap = { equity: 100_000, positions: {}, returns: r, tradingState: 'ACTIVE' as const, exposureCap: 1, volatilitySpike: false, limits: DEFAULT_LIMITS };
    const v = forecastVar({ 'BTC-USD': 30_000, SPY: 30_000 }, snap);
    // The 99 % historical VaR of p_t = 0.3·r_BTC,t + 0.3·r_SPY,t on the common days, by hand.
    const p = r.SPY!.map((x, t) => 0.3 * r['BTC-USD']![t]! + 0.3 * x).sort((a, b) => a - b);
    const pos = (p.length - 1) * 0.01;
    const q = p[Math.floor(pos)]! + (p[Math.ceil(pos)]! - p[Math.floor(pos)]!) * (pos - Math.floor(pos));
    expect('daily' in v && v.daily).toBeGreaterThanOrEqual(-q - 1e-15);
  });

  it('no symbols: undefined', async () => {
    expect(await dailyReturns(market, [], NOW)).toBeUndefined();
  });
});

describe('the backtest VaR history uses the same date rule', () => {
  const T = Date.parse('2024-01-01T00:00:00Z');
  it('gives every symbol the returns of the same days, and refuses warm-ups of different days', async () => {
    const { varHistory } = await import('../../src/backtest/var-history.js');
    const ts = Float64Array.from({ length: 10 }, (_, i) => T + i * D);
    const a = Float64Array.from({ length: 10 }, (_, i) => 100 + i);
    const b = Float64Array.from({ length: 10 }, (_, i) => 50 * (1 + 0.01 * i * i));
    const h = varHistory({ symbols: ['A', 'B'], ts, close: [a, b], warmup: [Float64Array.of(98, 99), Float64Array.of(48, 49)], fill: 'close' })(9);
    expect(h.A).toEqual([99 / 98 - 1, 100 / 99 - 1, ...Array.from({ length: 9 }, (_, i) => a[i + 1]! / a[i]! - 1)]);
    expect(h.B).toEqual([49 / 48 - 1, 50 / 49 - 1, ...Array.from({ length: 9 }, (_, i) => b[i + 1]! / b[i]! - 1)]);
    expect(() => varHistory({ symbols: ['A', 'B'], ts, close: [a, b], warmup: [Float64Array.of(98, 99), Float64Array.of(49)], fill: 'close' })).toThrow(/aligned by count, not by date/);
  });
});
