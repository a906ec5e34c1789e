/**
 * The one statistics module of the mesh: research (tearsheets), risk (governor, VaR gates) and the
 * Strategy Lab all use these, so a figure means the same thing wherever it is shown. It lives in
 * research/, below the agents in the import rule, so every layer may import it. Pure functions.
 *
 * Conventions (empyrical's, quantopian/empyrical stats.py):
 * - std is the sample standard deviation, ddof = 1 unless told otherwise;
 * - percentile(xs, q) takes q in [0, 100] and interpolates linearly between closest ranks
 *   (numpy's default, which empyrical's value_at_risk uses);
 * - historical VaR = −percentile(r, 100·(1 − c)); CVaR = −mean of the returns at or below that
 *   percentile; Gaussian VaR/CVaR from mean and std (ddof = 1). VaR and CVaR are positive loss
 *   fractions (0.05 = 5 %), not floored here (a series without losses has a negative VaR);
 * - Sharpe = mean / std(ddof = 1) · √periodsPerYear, risk-free 0;
 * - annualisation: `periodsPerYear` of the book's calendars (see below).
 * An undefined statistic (empty series, too few values) is NaN; callers turn it into null.
 */
import type { CalendarId } from '../core/market.js';

const DAY_MS = 86_400_000;

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** Standard deviation with `ddof` delta degrees of freedom (1: sample, empyrical's); NaN when n ≤ ddof. */
export function std(xs: readonly number[], ddof = 1): number {
  if (xs.length - ddof <= 0) return Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - ddof));
}

/** numpy.percentile with linear interpolation; q in [0, 100]. NaN for an empty series. */
export function percentile(xs: readonly number[], q: number): number {
  // A typed-array sort (numeric, no comparator call per pair): the risk gate takes several
  // percentiles per order, and a minute-bar backtest checks hundreds of thousands of orders.
  return percentileOfSorted(Float64Array.from(xs).sort(), q);
}

/** percentile of an ascending column (sorted once for several percentiles). */
function percentileOfSorted(s: Float64Array, q: number): number {
  if (s.length === 0) return Number.NaN;
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** r_t = v_t / v_{t−1} − 1 over consecutive values; pairs with a non-positive or non-finite base are skipped. */
export function simpleReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (a > 0 && Number.isFinite(a) && Number.isFinite(b)) out.push(b / a - 1);
  }
  return out;
}

/** Annualised Sharpe ratio, mean/std(ddof = 1)·√periods; NaN when the std is 0 or undefined. */
export function sharpe(r: readonly number[], periodsPerYear: number): number {
  const s = std(r);
  return s > 0 ? (mean(r) / s) * Math.sqrt(periodsPerYear) : Number.NaN;
}

export function historicalVar(r: readonly number[], confidence: number): number {
  return -percentile(r, (1 - confidence) * 100);
}

export function historicalCvar(r: readonly number[], confidence: number): number {
  const cutoff = percentile(r, (1 - confidence) * 100);
  const tail = r.filter((x) => x <= cutoff);
  return tail.length ? -mean(tail) : Number.NaN;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normInv(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  const pl = 0.02425;
  if (p < pl) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - pl) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

const normPdf = (x: number): number => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);

/** Gaussian VaR: −(μ + z_{1−c}·σ). */
export function gaussianVar(r: readonly number[], confidence: number): number {
  return -(mean(r) + normInv(1 - confidence) * std(r));
}

/** Expected shortfall of a normal distribution: −μ + σ·φ(z_{1−c})/(1−c). */
export function gaussianCvar(r: readonly number[], confidence: number): number {
  return -mean(r) + (std(r) * normPdf(normInv(1 - confidence))) / (1 - confidence);
}

/** Overlapping h-period compounded returns: Π(1 + r) − 1 over each window of h consecutive periods. */
export function horizonReturns(returns: readonly number[], h: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + h <= returns.length; i++) {
    let g = 1;
    for (let j = i; j < i + h; j++) g *= 1 + returns[j]!;
    out.push(g - 1);
  }
  return out;
}

export interface VarSet {
  historical_95: number | null;
  historical_99: number | null;
  gaussian_95: number | null;
  gaussian_99: number | null;
}

/**
 * The four VaR figures a risk gate compares with its budget, floored at 0 (a book without losses
 * at that confidence uses none of its budget); null below `minObs` observations.
 */
export function varSet(returns: readonly number[], minObs: number): VarSet {
  const ok = returns.length >= Math.max(2, minObs);
  const num = (x: number): number | null => (ok && Number.isFinite(x) ? Math.max(0, x) : null);
  // historicalVar at both confidences from one sorted copy.
  const sorted = Float64Array.from(returns).sort();
  return {
    historical_95: num(-percentileOfSorted(sorted, (1 - 0.95) * 100)),
    historical_99: num(-percentileOfSorted(sorted, (1 - 0.99) * 100)),
    gaussian_95: num(gaussianVar(returns, 0.95)),
    gaussian_99: num(gaussianVar(returns, 0.99)),
  };
}

/**
 * bindingVar(varSet(returns, minObs), confidence), bit for bit, for a caller that needs only that
 * one figure: the order-level VaR check needs it twice per order (one day, five days), hundreds of
 * thousands of times in a minute-bar backtest. The historical percentile reads the two ranks
 * around its position, here taken as the few smallest values in the order of a typed-array sort
 * (−0 before +0, NaN last) instead of sorting a copy of all of them; the Gaussian figure is made
 * only at `confidence`.
 */
export function bindingVarOf(returns: readonly number[], minObs: number, confidence: 0.95 | 0.99): number | null {
  if (returns.length < Math.max(2, minObs)) return null;
  const pos = ((returns.length - 1) * ((1 - confidence) * 100)) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const least = smallest(returns, hi + 1);
  const historical = -(least[lo]! + (least[hi]! - least[lo]!) * (pos - lo));
  const gaussian = gaussianVar(returns, confidence);
  const a = Number.isFinite(historical) ? Math.max(0, historical) : null;
  const b = Number.isFinite(gaussian) ? Math.max(0, gaussian) : null;
  if (a === null && b === null) return null;
  return Math.max(a ?? 0, b ?? 0);
}

/** Whether a sorts before b in a Float64Array's default sort: numeric, −0 before +0, NaN last. */
function sortsBefore(a: number, b: number): boolean {
  if (a < b) return true;
  if (a === 0 && b === 0) return Object.is(a, -0) && Object.is(b, 0);
  return Number.isNaN(b) && !Number.isNaN(a);
}

/** The k smallest of xs, ascending as Float64Array.from(xs).sort() has them (k ≤ xs.length). */
function smallest(xs: readonly number[], k: number): Float64Array {
  const out = new Float64Array(k);
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (m === k && !sortsBefore(x, out[k - 1]!)) continue;
    let at = m < k ? m++ : k - 1;
    for (; at > 0 && sortsBefore(x, out[at - 1]!); at--) out[at] = out[at - 1]!;
    out[at] = x;
  }
  return out;
}

/** The binding (larger) of historical and Gaussian VaR at confidence c; null when neither is known. */
export function bindingVar(v: VarSet, confidence: 0.95 | 0.99): number | null {
  const a = confidence === 0.95 ? v.historical_95 : v.historical_99;
  const b = confidence === 0.95 ? v.gaussian_95 : v.gaussian_99;
  if (a === null && b === null) return null;
  return Math.max(a ?? 0, b ?? 0);
}

// ---- Time: daily closes, the annualisation rule, alignment of several series by date ----

export interface EquityPoint {
  /** Market time, epoch ms. */
  readonly ts: number;
  readonly equity: number;
}

/** Periods per year of a daily series: 252 trading days or 365 calendar days. */
export type PeriodsPerYear = 252 | 365;

/**
 * The annualisation rule, from the instruments' calendars: a book of trading-day instruments only
 * (us_equity, forex_24_5) has 252 daily periods a year; crypto trades every calendar day, so a
 * book holding any crypto_24_7 instrument — crypto alone or a mixed book, whose equity moves on
 * weekends — has 365. An empty book (cash) is marked every calendar day: 365.
 */
export function periodsPerYear(calendars: Iterable<CalendarId>): PeriodsPerYear {
  let any = false;
  for (const c of calendars) {
    if (c === 'crypto_24_7') return 365;
    any = true;
  }
  return any ? 252 : 365;
}

const isWeekend = (day: number): boolean => {
  const dow = new Date(day * DAY_MS).getUTCDay();
  return dow === 0 || dow === 6;
};

/**
 * The last equity of each UTC day, oldest first; non-finite or non-positive points are skipped.
 * With `periods` 252 (a book of trading-day instruments) Saturdays and Sundays (UTC) are dropped:
 * such a book cannot move on them, and counting their flat closes as periods would bias the
 * annualised figures; with 365 every calendar day is a period.
 */
export function dailyCloses(points: readonly EquityPoint[], periods: PeriodsPerYear = 365): EquityPoint[] {
  const byDay = new Map<number, EquityPoint>();
  for (const p of points) {
    if (!Number.isFinite(p.ts) || !Number.isFinite(p.equity) || p.equity <= 0) continue;
    const day = Math.floor(p.ts / DAY_MS);
    if (periods === 252 && isWeekend(day)) continue;
    const prev = byDay.get(day);
    if (!prev || p.ts >= prev.ts) byDay.set(day, p);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

export interface DatedClose {
  readonly ts: number;
  readonly close: number;
}

export interface AlignedReturns {
  /** The UTC days (epoch day numbers) every series has a close on, oldest first. */
  readonly days: number[];
  /** Per symbol, the simple returns between consecutive common days (days.length − 1 each). */
  readonly returns: Record<string, number[]>;
}

/**
 * Align several assets' daily returns by date, not by count: each series' close of a UTC day is
 * its last bar that day; the common days are the inner join of the days every series has a
 * (finite, positive) close on; each return runs from one common day to the next. So a stock that
 * does not trade at weekends and a coin that does contribute Friday→Monday returns to the same
 * scenario, never a coin's Sunday beside a stock's Friday.
 */
export function alignDailyReturns(series: Readonly<Record<string, readonly DatedClose[]>>): AlignedReturns {
  const symbols = Object.keys(series);
  const byDay = symbols.map((s) => {
    const m = new Map<number, { ts: number; close: number }>();
    for (const b of series[s]!) {
      if (!Number.isFinite(b.ts) || !(b.close > 0) || !Number.isFinite(b.close)) continue;
      const day = Math.floor(b.ts / DAY_MS);
      const prev = m.get(day);
      if (!prev || b.ts >= prev.ts) m.set(day, b);
    }
    return m;
  });
  const first = byDay[0];
  const days = first ? [...first.keys()].filter((d) => byDay.every((m) => m.has(d))).sort((a, b) => a - b) : [];
  const returns: Record<string, number[]> = {};
  symbols.forEach((s, j) => {
    returns[s] = simpleReturns(days.map((d) => byDay[j]!.get(d)!.close));
  });
  return { days, returns };
}
