/**
 * Rolling figures over a trailing window of daily returns: Sharpe and annual volatility (the
 * definitions of ./metrics.ts, empyrical's) and beta to a benchmark, cov(r, b) / var(b) with the
 * same ddof on both sides. Two windows, as quantstats draws them: six and twelve months of
 * periods (P/2 and P, P the periods a year). Points are the last day of each month (and the run's
 * last day) from the first month-end the six-month window is full: a monthly series reads the same
 * on a chart and stays small for long runs (a 1,000,000-day run has 33,000 points, not a million).
 * A figure that is undefined there (twelve months not yet full, zero volatility) is null.
 */
import { annualVolatility } from './metrics.js';
import { mean, sharpe } from './stats.js';

export interface RollingPoint {
  date: string;
  six_months: number | null;
  twelve_months: number | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Beta of `r` to `b` (equal lengths): cov(r, b) / var(b); NaN when b does not move. */
export function beta(r: readonly number[], b: readonly number[]): number {
  const mr = mean(r);
  const mb = mean(b);
  let cov = 0;
  let varB = 0;
  for (let i = 0; i < r.length; i++) {
    cov += (r[i]! - mr) * (b[i]! - mb);
    varB += (b[i]! - mb) ** 2;
  }
  return varB > 0 ? cov / varB : Number.NaN;
}

/**
 * `dates[i]` (YYYY-MM-DD) is the day return i ends on. `stat` sees the trailing window's indices [from, to).
 */
function rolling(dates: readonly string[], periods: number, stat: (from: number, to: number) => number): RollingPoint[] {
  const short = Math.max(2, Math.round(periods / 2));
  const long = Math.max(2, periods);
  const out: RollingPoint[] = [];
  for (let end = short; end <= dates.length; end++) {
    const monthEnd = end === dates.length || dates[end]!.slice(0, 7) !== dates[end - 1]!.slice(0, 7);
    if (!monthEnd) continue;
    out.push({ date: dates[end - 1]!, six_months: finite(stat(end - short, end)), twelve_months: end >= long ? finite(stat(end - long, end)) : null });
  }
  return out;
}

export function rollingSharpe(dates: readonly string[], r: readonly number[], periods: number): RollingPoint[] {
  return rolling(dates, periods, (a, b) => sharpe(r.slice(a, b), periods));
}

export function rollingVolatility(dates: readonly string[], r: readonly number[], periods: number): RollingPoint[] {
  return rolling(dates, periods, (a, b) => annualVolatility(r.slice(a, b), periods));
}

export function rollingBeta(dates: readonly string[], r: readonly number[], bench: readonly number[], periods: number): RollingPoint[] {
  return rolling(dates, periods, (a, b) => beta(r.slice(a, b), bench.slice(a, b)));
}
