/** The simulator: bars agree with quotes, spreads widen in stress and out of hours, the crash scenario. */
import { describe, expect, it } from 'vitest';
import { CALIBRATION, CLOSED_SPREAD_MULT } from '../../src/market/calibration.js';
import { dailyModel, dayReturn, DEFAULT_CRASH_START_MS } from '../../src/market/regimes.js';
import { regimeAt, simulateBars, simulatedMarket, simulatedQuote, simulatedSpreadBps } from '../../src/market/simulator.js';
import { spreadBps } from '../../src/core/market.js';

const MIN = 60_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 6); // a Monday

describe('simulated bars and quotes', () => {
  it('bar opens equal quote mids at the same instants, for every symbol class', () => {
    const cols = simulateBars(3, ['BTC-USD', 'SPY', 'EURUSD'], FROM, MIN, 3 * 1440);
    for (const s of ['BTC-USD', 'SPY', 'EURUSD']) {
      const c = cols.symbols[s];
      if (!c) throw new Error(s);
      for (const k of [0, 1, 17, 900, 1439, 1440, 2000, 3 * 1440 - 1]) {
        expect(simulatedQuote(3, s, cols.ts[k] ?? 0).last).toBe(c.open[k]);
        expect(c.close[k]).toBe(c.open[k + 1] ?? c.close[k]);
        expect(c.high[k]).toBeGreaterThanOrEqual(Math.max(c.open[k] ?? 0, c.close[k] ?? 0));
        expect(c.low[k]).toBeLessThanOrEqual(Math.min(c.open[k] ?? 0, c.close[k] ?? 0));
      }
    }
  });

  it('hourly bars aggregate the minute bars exactly, and MarketData.bars matches the columns', async () => {
    const minutes = simulateBars(5, ['ETH-USD'], FROM, MIN, 600).symbols['ETH-USD'];
    const hours = simulateBars(5, ['ETH-USD'], FROM, 60 * MIN, 10).symbols['ETH-USD'];
    if (!minutes || !hours) throw new Error('missing');
    for (let h = 0; h < 10; h++) {
      const sl = (a: Float64Array): number[] => Array.from(a.subarray(h * 60, h * 60 + 60));
      expect(hours.open[h]).toBe(minutes.open[h * 60]);
      expect(hours.close[h]).toBe(minutes.close[h * 60 + 59]);
      expect(hours.high[h]).toBe(Math.max(...sl(minutes.high)));
      expect(hours.low[h]).toBe(Math.min(...sl(minutes.low)));
      expect(hours.volume[h]).toBeCloseTo(sl(minutes.volume).reduce((x, y) => x + y, 0), 6);
    }
    const bars = await simulatedMarket(5).bars('ETH-USD', FROM, FROM + 10 * 60 * MIN, 60 * MIN);
    expect(bars.map((b) => b.close)).toEqual(Array.from(hours.close));
    expect(bars[3]?.ts).toBe(FROM + 3 * 60 * MIN);
  });

  it('closed markets do not move and trade no volume', () => {
    const c = simulateBars(9, ['SPY'], Date.UTC(2025, 0, 11), MIN, 2 * 1440).symbols.SPY; // Sat + Sun
    if (!c) throw new Error('missing');
    expect(new Set(c.close).size).toBe(1);
    expect(c.volume.every((v) => v === 0)).toBe(true);
    expect(c.tradable.every((v) => v === 0)).toBe(true);
    const q = simulatedQuote(9, 'SPY', Date.UTC(2025, 0, 11, 12));
    expect(q.open).toBe(false);
  });

  it('daily closes follow the daily model exactly (bars and model agree)', () => {
    const model = dailyModel(11);
    const days = 40;
    const c = simulateBars(11, ['GLD'], FROM, DAY, days).symbols.GLD;
    if (!c) throw new Error('missing');
    const d0 = FROM / DAY;
    for (let k = 0; k < days; k++) {
      expect(Math.log((c.close[k] ?? 0) / (c.open[k] ?? 1))).toBeCloseTo(dayReturn(model, 'GLD', d0 + k), 10);
    }
  });

  it('rejects bad arguments with the field and the accepted values', () => {
    expect(() => simulateBars(1, ['DOGE'], FROM, MIN, 1)).toThrow(/unknown symbol "DOGE"; accepted: BTC-USD/);
    expect(() => simulateBars(1, ['SPY'], FROM, 1000, 1)).toThrow(/not a positive whole number of minutes/);
    expect(() => simulateBars(1, ['SPY'], FROM + 1, MIN, 1)).toThrow(/not on a minute boundary/);
    expect(() => simulatedQuote(1, 'SPY', -5)).toThrow(/outside the simulated span/);
  });
});

describe('spreads', () => {
  it('widen by the closed-market factor outside trading hours', () => {
    const day = Date.UTC(2025, 0, 7);
    const inHours = simulatedSpreadBps(2, 'SPY', day + 15 * 3_600_000);
    const outHours = simulatedSpreadBps(2, 'SPY', day + 23 * 3_600_000);
    expect(outHours / inHours).toBeCloseTo(CLOSED_SPREAD_MULT, 10);
    const q = simulatedQuote(2, 'SPY', day + 23 * 3_600_000);
    expect(q.open).toBe(false);
  });

  it('are wider in the stressed regime than in calm, for ETFs and crypto', () => {
    const model = dailyModel(4);
    const byRegime: Record<string, number[][]> = { SPY: [[], [], []], 'BTC-USD': [[], [], []] };
    const d0 = Date.UTC(2000, 0, 1) / DAY;
    for (let d = d0; d < d0 + 20 * 365; d += 3) {
      const r = model.regime(d);
      for (const s of ['SPY', 'BTC-USD']) byRegime[s]?.[r]?.push(simulatedSpreadBps(4, s, d * DAY + 15 * 3_600_000));
    }
    const mean = (xs: number[] | undefined): number => (xs ?? []).reduce((a, b) => a + b, 0) / (xs?.length || 1);
    for (const s of ['SPY', 'BTC-USD']) {
      const [calm, , stressed] = (byRegime[s] ?? []).map(mean);
      expect(stressed).toBeGreaterThan(3 * (calm ?? 0));
    }
    // markets.md: BTC about 2 bp calm, about 20 bp stressed.
    expect(mean(byRegime['BTC-USD']?.[0])).toBeGreaterThan(1.5);
    expect(mean(byRegime['BTC-USD']?.[0])).toBeLessThan(3.5);
    expect(mean(byRegime['BTC-USD']?.[2])).toBeGreaterThan(15);
    expect(mean(byRegime['BTC-USD']?.[2])).toBeLessThan(30);
  });

  it('quotes straddle the mid on the tick grid', () => {
    const q = simulatedQuote(1, 'EURUSD', Date.UTC(2025, 0, 8, 12));
    expect(q.bid).toBeLessThan(q.last);
    expect(q.ask).toBeGreaterThan(q.last);
    expect(Math.round(q.bid * 1e5)).toBeCloseTo(q.bid * 1e5, 6);
    expect(spreadBps(q)).toBeGreaterThan(0);
    expect(spreadBps(q)).toBeLessThan(5);
  });
});

describe('crash scenario', () => {
  it('forces a fall of at least 30 % in equities and crypto within weeks, then a recovery', () => {
    const start = DEFAULT_CRASH_START_MS;
    const from = start - 30 * DAY;
    const days = 200;
    const crash = simulateBars(8, ['SPY', 'QQQ', 'BTC-USD', 'EURUSD'], from, DAY, days, { scenario: 'crash' });
    const base = simulateBars(8, ['SPY', 'QQQ', 'BTC-USD', 'EURUSD'], from, DAY, days);
    for (const s of ['SPY', 'QQQ', 'BTC-USD']) {
      const c = crash.symbols[s]?.close ?? new Float64Array();
      let peak = 0;
      let worst = 0;
      let troughAt = 0;
      // Within the three weeks after the start (bars 30..51) the fall from the peak passes 30 %.
      for (let k = 0; k <= 30 + 21; k++) {
        peak = Math.max(peak, c[k] ?? 0);
        const dd = 1 - (c[k] ?? 0) / peak;
        if (dd > worst) [worst, troughAt] = [dd, k];
      }
      expect(worst).toBeGreaterThanOrEqual(0.3);
      expect(troughAt).toBeGreaterThan(30);
      expect(c[days - 1] ?? 0).toBeGreaterThan((c[troughAt] ?? 0) * 1.3);
      // Before the crash, the market is the ordinary one of the same seed.
      expect(Array.from(c.subarray(0, 30))).toEqual(Array.from(base.symbols[s]?.close.subarray(0, 30) ?? []));
    }
    expect(Array.from(crash.symbols.EURUSD?.close ?? [])).not.toEqual([]);
    expect(regimeAt(8, start + 5 * DAY, { scenario: 'crash' })).toBe('stressed');
  });
});

describe('calibration', () => {
  it('stressed volatility is above normal, normal above calm, for every asset', () => {
    for (const c of Object.values(CALIBRATION)) {
      expect(c.vol[0]).toBeLessThan(c.vol[1]);
      expect(c.vol[1]).toBeLessThan(c.vol[2]);
    }
  });
});
