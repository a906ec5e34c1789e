import { describe, expect, it } from 'vitest';
import { beta, rollingBeta, rollingSharpe, rollingVolatility } from '../../src/research/rolling.js';

// Independent, written out: sample std (ddof 1), Sharpe = mean/std·√P.
const m = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]): number => Math.sqrt(x.reduce((a, v) => a + (v - m(x)) ** 2, 0) / (x.length - 1));

const dates = ['d1', 'd2', 'd3', 'd4', 'd5'];
const r = [0.01, -0.02, 0.03, 0, 0.01];

describe('rolling figures', () => {
  it('Sharpe and volatility over half-year (P/2) and one-year (P) windows', () => {
    const P = 4;
    const s = rollingSharpe(dates, r, P);
    expect(s.map((p) => p.date)).toEqual(['d2', 'd3', 'd4', 'd5']);
    expect(s[0]!.six_months).toBeCloseTo((m([0.01, -0.02]) / sd([0.01, -0.02])) * 2, 12);
    expect(s[0]!.twelve_months).toBeNull();
    expect(s[3]!.twelve_months).toBeCloseTo((m([-0.02, 0.03, 0, 0.01]) / sd([-0.02, 0.03, 0, 0.01])) * 2, 12);
    const v = rollingVolatility(dates, r, P);
    expect(v[1]!.six_months).toBeCloseTo(sd([-0.02, 0.03]) * 2, 12);
    expect(v[2]!.twelve_months).toBeCloseTo(sd([0.01, -0.02, 0.03, 0]) * 2, 12);
  });

  it('has one point per month, on its last day, plus the run\'s last day', () => {
    const days = Array.from({ length: 70 }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10));
    const returns = days.map((_, i) => 0.01 * Math.sin(i));
    const s = rollingSharpe(days, returns, 20);
    expect(s.map((p) => p.date)).toEqual(['2024-01-31', '2024-02-29', '2024-03-11']);
    // The point is the trailing window's figure at that day (returns 20..29 end on 2024-01-31).
    const w = returns.slice(10, 30);
    expect(s[0]!.twelve_months).toBeCloseTo((m(w) / sd(w)) * Math.sqrt(20), 12);
  });

  it('beta: twice the benchmark is beta 2; a flat benchmark has none', () => {
    const b = [0.005, -0.01, 0.015, 0, 0.005];
    expect(beta(r, b)).toBeCloseTo(2, 12);
    const rb = rollingBeta(dates, r, b, 4);
    expect(rb.every((p) => p.six_months !== null && Math.abs(p.six_months - 2) < 1e-12)).toBe(true);
    expect(rollingBeta(dates, r, [0, 0, 0, 0, 0], 4)[0]!.six_months).toBeNull();
  });
});
