/**
 * Long-run calibration: measured annualised volatilities (per regime and overall) and daily
 * correlations of a century of simulated UTC days match the configured ones within tolerance.
 */
import { describe, expect, it } from 'vitest';
import { CALIBRATION, REGIME_TRANSITIONS } from '../../src/market/calibration.js';
import { instrument, SYMBOLS, type UniverseSymbol } from '../../src/market/instruments.js';
import { dailyModel, dayReturn } from '../../src/market/regimes.js';
import { periodsPerYear, std } from '../../src/research/stats.js';

const SEED = 20250101;
const model = dailyModel(SEED);
const FULL: Record<string, number> = { us_equity: 469, crypto_24_7: 1440, forex_24_5: 1440 };
const full = (s: UniverseSymbol, d: number): boolean => model.weight(s, d) === FULL[instrument(s).calendar];

function corr(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('volatility', () => {
  for (const s of SYMBOLS) {
    it(`${s}: measured annualised volatility per regime within 10 % of the configured one`, () => {
      const byRegime: number[][] = [[], [], []];
      for (let d = 0; d < model.days; d++) if (full(s, d)) byRegime[model.regime(d)]?.push(dayReturn(model, s, d));
      const ppy = periodsPerYear([instrument(s).calendar]);
      byRegime.forEach((xs, r) => {
        const measured = std(xs) * Math.sqrt(ppy);
        const configured = CALIBRATION[s].vol[r] ?? 0;
        expect(Math.abs(measured / configured - 1), `${s} regime ${r}: ${measured} vs ${configured}`).toBeLessThan(0.1);
      });
    });
  }

  it('SPY overall volatility matches the regime mixture', () => {
    const xs: number[] = [];
    const share = [0, 0, 0];
    for (let d = 0; d < model.days; d++) {
      if (!full('SPY', d)) continue;
      xs.push(dayReturn(model, 'SPY', d));
      share[model.regime(d)]! += 1;
    }
    const mix = Math.sqrt(share.reduce((a, n, r) => a + (n / xs.length) * (CALIBRATION.SPY.vol[r] ?? 0) ** 2, 0));
    // SPY's full trading days: annualised by the one rule for a trading-day calendar.
    const annual = std(xs) * Math.sqrt(periodsPerYear([instrument('SPY').calendar]));
    expect(annual / mix).toBeGreaterThan(0.93);
    expect(annual / mix).toBeLessThan(1.07);
  });

  it('regimes persist like Hardy\'s model: stressed about 13 % of days, spells of months', () => {
    const share = [0, 0, 0];
    let spells = 0;
    for (let d = 0; d < model.days; d++) {
      share[model.regime(d)]! += 1;
      if (model.regime(d) === 2 && (d === 0 || model.regime(d - 1) !== 2)) spells++;
    }
    expect(share[2]! / model.days).toBeGreaterThan(0.08);
    expect(share[2]! / model.days).toBeLessThan(0.2);
    const meanSpell = share[2]! / spells;
    expect(meanSpell).toBeGreaterThan(50); // 1 / 0.0126 ≈ 79 days expected
    expect(meanSpell).toBeLessThan(120);
    expect(REGIME_TRANSITIONS.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
  });
});

describe('correlation of daily returns', () => {
  const pairs: [UniverseSymbol, UniverseSymbol, number, number][] = [
    ['SPY', 'QQQ', 0.9, 0.95],
    ['GLD', 'SLV', 0.8, 0.85],
    ['BTC-USD', 'ETH-USD', 0.8, 0.9],
    ['BTC-USD', 'SPY', 0.15, 0.5],
    ['EURUSD', 'GBPUSD', 0.75, 0.85],
    ['USDJPY', 'SPY', 0.1, 0.4],
    ['GLD', 'SPY', 0.05, 0.0],
  ];
  for (const [a, b, calm, stressed] of pairs) {
    it(`${a}–${b}: ${calm} outside stress, ${stressed} in stress (±0.05)`, () => {
      const sets = [[[], []], [[], []]] as number[][][];
      for (let d = 0; d < model.days; d++) {
        if (!full(a, d) || !full(b, d)) continue;
        const k = model.regime(d) === 2 ? 1 : 0;
        sets[k]?.[0]?.push(dayReturn(model, a, d));
        sets[k]?.[1]?.push(dayReturn(model, b, d));
      }
      expect(corr(sets[0]?.[0] ?? [], sets[0]?.[1] ?? [])).toBeCloseTo(calm, 1);
      expect(Math.abs(corr(sets[0]?.[0] ?? [], sets[0]?.[1] ?? []) - calm)).toBeLessThan(0.05);
      expect(Math.abs(corr(sets[1]?.[0] ?? [], sets[1]?.[1] ?? []) - stressed)).toBeLessThan(0.05);
    });
  }
});

describe('fat tails', () => {
  it('daily SPY returns have excess kurtosis well above a normal distribution\'s 0', () => {
    const xs: number[] = [];
    for (let d = 0; d < model.days; d++) if (full('SPY', d) && model.regime(d) === 1) xs.push(dayReturn(model, 'SPY', d));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const m2 = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
    const m4 = xs.reduce((a, b) => a + (b - m) ** 4, 0) / xs.length;
    expect(m4 / (m2 * m2) - 3).toBeGreaterThan(1.5);
  });
});
