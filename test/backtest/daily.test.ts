/**
 * The backtest's columnar report figures (src/backtest/daily.ts) equal research/'s object-based
 * definitions bit for bit: tearsheet, monthly and yearly returns, worst drawdowns, rolling Sharpe,
 * volatility and beta, on intraday equity curves with losses, flat stretches and a NaN return.
 */
import { describe, expect, it } from 'vitest';
import { dailySeries, firstDayOf, monthlyReturnsOf, monthOf, monthsOf, returnsOf, worstDrawdownsOf, yearlyReturnsOf } from '../../src/backtest/daily.js';
import { betaAll, rollingBetaOf, rollingSharpeOf, rollingVolatilityOf } from '../../src/backtest/daily-rolling.js';
import { tearsheetOf } from '../../src/backtest/daily-tearsheet.js';
import { tearsheet } from '../../src/research/metrics.js';
import { dailyCloses, dayReturns, monthlyReturns, worstDrawdowns, yearlyReturns } from '../../src/research/periods.js';
import { beta, rollingBeta, rollingSharpe, rollingVolatility } from '../../src/research/rolling.js';

function curve(seed: number, n: number, stepMs: number): { ts: Float64Array; eq: Float64Array; bench: Float64Array } {
  let x = seed;
  const u = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const ts = new Float64Array(n);
  const eq = new Float64Array(n);
  const bench = new Float64Array(n);
  let e = 10_000;
  let b = 100;
  for (let i = 0; i < n; i++) {
    ts[i] = Date.UTC(2001, 0, 1) + i * stepMs;
    const m = u() - 0.5;
    // Every 400 bars a flat stretch: zero returns.
    if (i % 400 <= 350) e *= 1 + m * 0.03;
    b *= 1 + m * 0.02 + (u() - 0.5) * 0.01;
    eq[i] = e;
    bench[i] = b;
  }
  return { ts, eq, bench };
}

describe('columnar daily figures', () => {
  for (const [seed, stepMs] of [[1, 86_400_000], [2, 6 * 3_600_000], [3, 86_400_000 * 3]] as const) {
    it(`equal research/'s on seed ${seed}, a bar every ${stepMs / 3_600_000} h`, () => {
      const { ts, eq, bench } = curve(seed, 3000, stepMs);
      const days = dailyCloses(ts, eq);
      const s = dailySeries(ts, eq);
      expect(Array.from(s.value)).toEqual(days.map((d) => d.value));
      const months = monthsOf(s.day);
      const r = returnsOf(s.value);
      const rOld = dayReturns(days);
      expect(Array.from(r)).toEqual(rOld);
      for (const P of [252, 365]) expect(tearsheetOf(r, P)).toEqual(tearsheet(rOld, P));
      const withNaN = Float64Array.from(r);
      withNaN[5] = Number.NaN;
      expect(tearsheetOf(withNaN, 252)).toEqual(tearsheet(withNaN, 252));
      expect(monthlyReturnsOf(s, months)).toEqual(monthlyReturns(days));
      expect(yearlyReturnsOf(s, months)).toEqual(yearlyReturns(days));
      expect(worstDrawdownsOf(s, 5)).toEqual(worstDrawdowns(days, 5));
      const dates = days.slice(1).map((d) => d.date);
      const round6 = (p: { date: string; six_months: number | null; twelve_months: number | null }) => ({ date: p.date, six_months: p.six_months === null ? null : Number(p.six_months.toFixed(6)), twelve_months: p.twelve_months === null ? null : Number(p.twelve_months.toFixed(6)) });
      expect(rollingSharpeOf(s, months, r, 252)).toEqual(rollingSharpe(dates, rOld, 252).map(round6));
      expect(rollingVolatilityOf(s, months, r, 365)).toEqual(rollingVolatility(dates, rOld, 365).map(round6));
      const b = returnsOf(dailySeries(ts, bench).value);
      expect(rollingBetaOf(s, months, r, b, 252)).toEqual(rollingBeta(dates, rOld, Array.from(b), 252).map(round6));
      expect(betaAll(r, b)).toBe(beta(rOld, Array.from(b)));
    });
  }
  it('gives the same rolling figures taken two points at a time, for even and odd numbers of points and short runs', () => {
    const { ts, eq } = curve(4, 1400, 86_400_000);
    for (const n of [2, 100, 127, 130, 300, 400, 431, 462, 1000, 1400]) {
      const days = dailyCloses(ts.subarray(0, n), eq.subarray(0, n));
      const s = dailySeries(ts.subarray(0, n), eq.subarray(0, n));
      const r = returnsOf(s.value);
      const dates = days.slice(1).map((d) => d.date);
      const round6 = (p: { date: string; six_months: number | null; twelve_months: number | null }) => ({ date: p.date, six_months: p.six_months === null ? null : Number(p.six_months.toFixed(6)), twelve_months: p.twelve_months === null ? null : Number(p.twelve_months.toFixed(6)) });
      for (const P of [252, 365]) {
        expect(rollingSharpeOf(s, monthsOf(s.day), r, P), `${n} ${P}`).toEqual(rollingSharpe(dates, dayReturns(days), P).map(round6));
        expect(rollingVolatilityOf(s, monthsOf(s.day), r, P), `${n} ${P}`).toEqual(rollingVolatility(dates, dayReturns(days), P).map(round6));
      }
    }
  });

  it('an empty or one-day run has the same undefined figures', () => {
    expect(tearsheetOf(new Float64Array(0))).toEqual(tearsheet([]));
    expect(tearsheetOf(Float64Array.of(0.01))).toEqual(tearsheet([0.01]));
  });

  it('takes the same VaR/CVaR percentiles without sorting: ties, zeros of both signs, sorted and reversed input, every length to 60', () => {
    let x = 11;
    const u = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let n = 1; n <= 60; n++) {
      const tied = Float64Array.from({ length: n }, () => [0, -0, 0.01, -0.01, -0.02][Math.floor(u() * 5)]!);
      const varied = Float64Array.from({ length: n }, () => (u() - 0.55) * 0.1);
      const ascending = Float64Array.from(varied).sort();
      const descending = Float64Array.from(ascending).reverse();
      for (const r of [tied, varied, ascending, descending]) expect(tearsheetOf(r, 252)).toEqual(tearsheet(Array.from(r), 252));
    }
    const long = Float64Array.from({ length: 20_000 }, () => Math.round((u() - 0.5) * 200) / 10_000);
    expect(tearsheetOf(long, 365)).toEqual(tearsheet(Array.from(long), 365));
  });

  it('takes the same percentiles from a sampled bound on long series, and from all values when the sample misjudges', () => {
    let x = 5;
    const u = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const n = 200_003;
    const varied = Float64Array.from({ length: n }, () => (u() - 0.52) * 0.05);
    // Mostly zeros (a book that is mostly flat), and few distinct values with ties at the bound.
    const flat = Float64Array.from({ length: n }, () => (u() < 0.9 ? 0 : (u() - 0.6) * 0.02));
    const tied = Float64Array.from({ length: n }, () => [0, -0, 0.01, -0.01, -0.02][Math.floor(u() * 5)]!);
    // The sample sees only what every step-th place holds: large losses (too few values lie below
    // its bound), or large gains (too many for the candidate column).
    const losses = Float64Array.from({ length: n }, (_, i) => (i % 48 === 0 ? -0.5 - u() / 4 : (u() - 0.5) * 0.01));
    const gains = Float64Array.from({ length: n }, (_, i) => (i % 48 === 0 ? 0.5 + u() / 4 : (u() - 0.5) * 0.01));
    const ascending = Float64Array.from(varied).sort();
    for (const r of [varied, flat, tied, losses, gains, ascending, Float64Array.from(ascending).reverse()]) expect(tearsheetOf(r, 252)).toEqual(tearsheet(Array.from(r), 252));
  });

  it('gives every day its calendar month when months are found once per month: years 0–99, 1900, leap days, gaps', () => {
    const days: number[] = [];
    // From 0000-03-01 to past 2400, consecutive days and then gaps of 1 to 45 days.
    for (let d = -719_468; d < 160_000; d += d < -650_000 || (d > -26_000 && d < -24_000) || (d > 10_900 && d < 11_100) ? 1 : 1 + (Math.abs(d) % 45)) days.push(d);
    const col = Float64Array.from(days);
    const { end, id } = monthsOf(col);
    const perDay: number[] = [];
    end.forEach((e, k) => {
      while (perDay.length <= e) perDay.push(id[k]!);
    });
    expect(perDay).toEqual(days.map(monthOf));
    // Each month ends where the next begins.
    end.forEach((e, k) => expect(e === col.length - 1 || monthOf(col[e + 1]!) !== id[k]).toBe(true));
  });

  it('finds the first day of every month, years 0–99 and before 0 included', () => {
    for (let id = -24 * 12; id < 2500 * 12; id += 1) {
      const first = firstDayOf(id);
      expect(monthOf(first)).toBe(id);
      expect(monthOf(first - 1)).toBe(id - 1);
      const y = Math.floor(id / 12);
      if (y >= 100) expect(first).toBe(Date.UTC(y, id - y * 12, 1) / 86_400_000);
    }
  });
});
