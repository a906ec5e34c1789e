/**
 * Metrics against empyrical's published test vectors (quantopian/empyrical,
 * empyrical/tests/test_stats.py: the series `simple_benchmark`, `positive_returns`,
 * `negative_returns`, `mixed_returns` with its leading NaN, `one_return`, `empty_returns`, and the
 * expected values its tests assert, to 8 decimal places). empyrical reports max drawdown
 * negative; we report the loss as a positive fraction, so its expected values are negated here.
 * VaR/CVaR (empyrical tests them against numpy) are checked against values computed with numpy
 * 2.4 and scipy 1.17 (np.percentile linear interpolation; scipy.stats.norm).
 */
import { describe, expect, it } from 'vitest';
import { annualReturn, annualVolatility, downsideRisk, maxDrawdown, sortino, tearsheet, totalReturn } from '../../src/research/metrics.js';
import { alignDailyReturns, dailyCloses, gaussianCvar, gaussianVar, historicalCvar, historicalVar, mean, percentile, periodsPerYear, sharpe, simpleReturns, std, varSet } from '../../src/research/stats.js';

const pct = (xs: number[]): number[] => xs.map((x) => x / 100);
const simple_benchmark = pct([0, 1, 0, 1, 0, 1, 0, 1, 0]);
const positive_returns = pct([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const negative_returns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const mixed_returns = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const one_return = pct([1]);
const DAILY = 252;
const clean = (xs: number[]): number[] => xs.filter((x) => !Number.isNaN(x));
const close8 = (a: number | null, b: number): void => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b)).toBeLessThan(1e-8);
};

describe('empyrical test vectors', () => {
  it('max_drawdown', () => {
    close8(maxDrawdown(one_return), 0);
    close8(maxDrawdown(simple_benchmark), 0);
    close8(maxDrawdown(clean(mixed_returns)), 0.1);
    close8(maxDrawdown(positive_returns), 0);
    close8(maxDrawdown(negative_returns), 0.36590730349873601);
    close8(maxDrawdown(pct([10, -10, 10])), 0.1);
    expect(tearsheet([]).max_drawdown).toBeNull();
  });
  it('annual_return, annual_volatility, calmar', () => {
    close8(annualReturn(clean(mixed_returns), DAILY, mixed_returns.length), 1.9135925373194231);
    close8(tearsheet(mixed_returns, DAILY).annual_return, 1.9135925373194231);
    close8(annualVolatility(clean(mixed_returns), DAILY), 0.9136465399704637);
    close8(tearsheet(mixed_returns, DAILY).calmar, 19.135925373194233);
    expect(tearsheet(one_return, DAILY).calmar).toBeNull();
  });
  it('sharpe', () => {
    close8(sharpe(clean(mixed_returns), DAILY), 1.7238613961706866);
    close8(sharpe(positive_returns, DAILY), 52.915026221291804);
    close8(sharpe(negative_returns, DAILY), -24.406808633910085);
    expect(tearsheet(one_return).sharpe).toBeNull();
    expect(tearsheet([]).sharpe).toBeNull();
  });
  it('downside risk and sortino', () => {
    close8(downsideRisk(clean(mixed_returns), DAILY), 0.60448325038829653);
    close8(downsideRisk(one_return, DAILY), 0);
    close8(sortino(clean(mixed_returns), DAILY), 2.605531251673693);
    close8(sortino(negative_returns, DAILY), -13.532743075043401);
    // empyrical: +inf for series without losses; our JSON reports null for a non-finite ratio.
    expect(tearsheet(positive_returns).sortino).toBeNull();
  });
  it('cum_returns_final', () => {
    expect(totalReturn(clean(mixed_returns))).toBeCloseTo(0.03893, 4);
    expect(totalReturn(negative_returns)).toBeCloseTo(-0.3659, 4);
  });
  it('value_at_risk uses numpy percentile interpolation', () => {
    expect(percentile([1, 2], 0)).toBeCloseTo(1, 12);
    expect(percentile([1, 2], 30)).toBeCloseTo(1.3, 12);
    expect(percentile([1, 2], 100)).toBeCloseTo(2, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 10)).toBeCloseTo(41, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 20)).toBeCloseTo(81, 12);
    expect(percentile([1, 81, 82, 83, 84, 85], 30)).toBeCloseTo(81.5, 12);
  });
});

describe('VaR and CVaR against numpy/scipy', () => {
  const r = [0.0123, -0.0211, 0.0045, 0.0311, -0.0402, 0.0087, -0.0015, 0.0199, -0.0088, 0.0056, 0.0002, -0.0133, 0.0271, -0.0305, 0.0144, 0.0068, -0.0049, 0.0101, -0.0222, 0.0033, 0.0178];
  it('historical', () => {
    close8(historicalVar(r, 0.95), 0.030499999999999992);
    close8(historicalCvar(r, 0.95), 0.03535);
    close8(historicalVar(r, 0.99), 0.038259999999999995);
    close8(historicalCvar(r, 0.99), 0.0402);
  });
  it('gaussian', () => {
    const t = tearsheet(r);
    close8(t.gaussian_var_95, 0.029425698688733768);
    close8(t.gaussian_cvar_95, 0.03713448846709739);
    close8(t.gaussian_var_99, 0.04199810616578491);
    close8(t.gaussian_cvar_99, 0.048249612769400964);
  });
  it('has exactly the documented keys', () => {
    expect(Object.keys(tearsheet(r))).toEqual([
      'periods', 'total_return', 'annual_return', 'annual_volatility', 'sharpe', 'sortino', 'calmar', 'max_drawdown',
      'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99',
    ]);
  });
});

describe('the one statistics module (research/stats.ts)', () => {
  it('states its ddof: sample (1) by default, population (0) on request', () => {
    // [1, 2, 3, 4]: Σ(x − 2.5)² = 5
    expect(std([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(std([1, 2, 3, 4], 0)).toBeCloseTo(Math.sqrt(5 / 4), 15);
    expect(std([1])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('simple returns skip a non-positive base', () => {
    expect(simpleReturns([100, 110, 0, 50, 55])).toEqual([110 / 100 - 1, 0 / 110 - 1, 55 / 50 - 1]);
  });

  it('annualisation from the calendars: 252 trading-day books, 365 with any crypto or none', () => {
    expect(periodsPerYear(['us_equity'])).toBe(252);
    expect(periodsPerYear(['us_equity', 'forex_24_5'])).toBe(252);
    expect(periodsPerYear(['crypto_24_7'])).toBe(365);
    expect(periodsPerYear(['us_equity', 'crypto_24_7'])).toBe(365);
    expect(periodsPerYear([])).toBe(365);
  });

  it('daily closes: the last point of each UTC day; a 252 book drops Saturdays and Sundays', () => {
    const fri = Date.UTC(2025, 0, 3);
    const pts = [
      { ts: fri + 1000, equity: 1 },
      { ts: fri + 2000, equity: 2 },
      { ts: fri + 86_400_000, equity: 3 }, // Saturday
      { ts: fri + 3 * 86_400_000, equity: 4 }, // Monday
      { ts: fri + 4 * 86_400_000, equity: Number.NaN },
    ];
    expect(dailyCloses(pts).map((p) => p.equity)).toEqual([2, 3, 4]);
    expect(dailyCloses(pts, 252).map((p) => p.equity)).toEqual([2, 4]);
  });

  it('aligns returns of several assets by UTC day (inner join), not by count', () => {
    const D = 86_400_000;
    const fri = Date.UTC(2025, 0, 3);
    // The coin trades every day, the ETF skips the weekend; both end on Tuesday.
    const btc = [100, 110, 121, 99, 108.9].map((close, i) => ({ ts: fri + i * D + 3_600_000, close }));
    const spy = [[0, 500], [3, 510], [4, 520.2]].map(([d, close]) => ({ ts: fri + d! * D + 20 * 3_600_000, close: close! }));
    const a = alignDailyReturns({ 'BTC-USD': btc, SPY: spy });
    expect(a.days.map((d) => new Date(d * D).toISOString().slice(0, 10))).toEqual(['2025-01-03', '2025-01-06', '2025-01-07']);
    expect(a.returns.SPY).toEqual([510 / 500 - 1, 520.2 / 510 - 1]);
    // Friday → Monday for the coin too (99 / 100), never its Sunday move beside the ETF's Monday.
    expect(a.returns['BTC-USD']).toEqual([99 / 100 - 1, 108.9 / 99 - 1]);
    expect(alignDailyReturns({})).toEqual({ days: [], returns: {} });
  });

  it('historical and Gaussian VaR are the tearsheet figures; varSet floors at 0 for the risk gates', () => {
    const r = clean(mixed_returns);
    const t = tearsheet(mixed_returns, DAILY);
    expect(historicalVar(r, 0.95)).toBe(t.var_95);
    expect(gaussianVar(r, 0.99)).toBe(t.gaussian_var_99);
    expect(gaussianCvar(r, 0.95)).toBe(t.gaussian_cvar_95);
    expect(varSet(positive_returns, 2).historical_95).toBe(0);
    expect(historicalVar(positive_returns, 0.95)).toBeLessThan(0);
    expect(varSet(r, 20).historical_95).toBeNull();
  });
});
