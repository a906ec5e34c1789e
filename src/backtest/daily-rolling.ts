/**
 * The rolling figures of the report (research/rolling.ts: Sharpe, volatility and beta over
 * trailing windows of P/2 and P daily returns at each month end) over daily.ts's columns, with
 * the same arithmetic in the same order, so every number is bit-identical (test/backtest/daily.test.ts).
 * A 1,000,000-day run has ~33,000 month ends, each reading a window of 252 returns.
 */
import type { RollingPoint } from '../research/rolling.js';
import { dateOf, type DailySeries, type Months } from './daily.js';

// ---- statistics over [a, b) of columns, in stats.ts's order of operations ----

function meanOf(x: ArrayLike<number>, a: number, b: number): number {
  if (b <= a) return Number.NaN;
  let sum = 0;
  for (let i = a; i < b; i++) sum += x[i]!;
  return sum / (b - a);
}

function betaOf(r: ArrayLike<number>, bench: ArrayLike<number>, a: number, b: number): number {
  const mr = meanOf(r, a, b);
  const mb = meanOf(bench, a, b);
  let cov = 0;
  let varB = 0;
  for (let i = a; i < b; i++) {
    cov += (r[i]! - mr) * (bench[i]! - mb);
    varB += (bench[i]! - mb) ** 2;
  }
  return varB > 0 ? cov / varB : Number.NaN;
}

/** Beta of the whole run (rolling.ts beta). */
export const betaAll = (r: Float64Array, bench: Float64Array): number => betaOf(r, bench, 0, r.length);

/**
 * As rolling.ts: month-end points (and the last) from the first the six-month window fills, over
 * trailing windows of P/2 and P returns. The figures are kept as numbers (NaN where the
 * twelve-month window is not full yet) and become points only when printed (`rollingPoint`), so
 * `--json` can write them as it makes them.
 */
export interface RollingColumns {
  /** Index into the daily series of each point's day. */
  ends: Int32Array;
  /** Per series: the six- and twelve-month figure of each point, unrounded. */
  six: Float64Array[];
  twelve: Float64Array[];
}

/**
 * The windows (short, long) and the points of `series` rolling figures, their columns to fill.
 * Return i ends on day i + 1, so a window of returns [end − w, end) ends on day `end`: the points
 * are the month ends from day `short` on.
 */
function rollingFrame(months: Months, periods: number, series: number): RollingColumns & { short: number; long: number } {
  const short = Math.max(2, Math.round(periods / 2));
  const long = Math.max(2, periods);
  let first = 0;
  while (first < months.end.length && months.end[first]! < short) first++;
  const ends = months.end.subarray(first);
  return {
    short,
    long,
    ends,
    six: Array.from({ length: series }, () => new Float64Array(ends.length)),
    twelve: Array.from({ length: series }, () => new Float64Array(ends.length).fill(Number.NaN)),
  };
}

/** Figures rounded to 6 decimals, null where undefined (rolling.ts). */
const round6 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(6)) : null);

/** Point k of series j; `date` is its day (dateOf(s.day[ends[k]])), shared by the series. */
const rollingPoint = (c: RollingColumns, j: number, k: number, date: string): RollingPoint => ({ date, six_months: round6(c.six[j]![k]!), twelve_months: round6(c.twelve[j]![k]!) });

/** Every point of every series, each point's date string shared by the series. */
function rollingPoints(s: DailySeries, c: RollingColumns): RollingPoint[][] {
  const out: RollingPoint[][] = c.six.map(() => new Array<RollingPoint>(c.ends.length));
  for (let k = 0; k < c.ends.length; k++) {
    const date = dateOf(s.day[c.ends[k]!]!);
    for (let j = 0; j < out.length; j++) out[j]![k] = rollingPoint(c, j, k, date);
  }
  return out;
}

/**
 * Means and deviations (stats.ts std) of the twelve- and six-month windows of returns ending at
 * `endA` and at `endB`, both with a full twelve-month window, into out[0..3] (mean and deviation
 * over twelve months, then six) and out[4..7]. The six-month window is the twelve's last `short`
 * returns. Each sum adds the same values in the same order as its own loop would (bit-identical),
 * but the two points' windows are the same length and run in lockstep in one loop: a window's
 * sum is a chain of dependent additions, and independent chains overlap in the processor.
 */
function pairMoments(r: Float64Array, endA: number, endB: number, long: number, short: number, out: Float64Array): void {
  const a = endA - long;
  const b = endB - long;
  const half = long - short;
  let a12 = 0;
  let a6 = 0;
  let b12 = 0;
  let b6 = 0;
  for (let t = 0; t < half; t++) {
    a12 += r[a + t]!;
    b12 += r[b + t]!;
  }
  for (let t = half; t < long; t++) {
    const x = r[a + t]!;
    const y = r[b + t]!;
    a12 += x;
    a6 += x;
    b12 += y;
    b6 += y;
  }
  const ma12 = a12 / long;
  const ma6 = a6 / short;
  const mb12 = b12 / long;
  const mb6 = b6 / short;
  let qa12 = 0;
  let qa6 = 0;
  let qb12 = 0;
  let qb6 = 0;
  for (let t = 0; t < half; t++) {
    qa12 += (r[a + t]! - ma12) ** 2;
    qb12 += (r[b + t]! - mb12) ** 2;
  }
  for (let t = half; t < long; t++) {
    const x = r[a + t]!;
    const y = r[b + t]!;
    qa12 += (x - ma12) ** 2;
    qa6 += (x - ma6) ** 2;
    qb12 += (y - mb12) ** 2;
    qb6 += (y - mb6) ** 2;
  }
  out[0] = ma12;
  out[1] = Math.sqrt(qa12 / (long - 1));
  out[2] = ma6;
  out[3] = Math.sqrt(qa6 / (short - 1));
  out[4] = mb12;
  out[5] = Math.sqrt(qb12 / (long - 1));
  out[6] = mb6;
  out[7] = Math.sqrt(qb6 / (short - 1));
}

/**
 * Rolling Sharpe (series 0) and volatility (series 1), as stats.ts sharpe (mean / deviation × √P)
 * and deviation × √P over each window: one mean and one deviation per window serve both. Points
 * with a full twelve-month window are taken two at a time (pairMoments); before that, the
 * six-month window alone.
 */
export function rollingSharpeVolatilityColumns(months: Months, r: Float64Array, P: number): RollingColumns {
  const root = Math.sqrt(P);
  const c = rollingFrame(months, P, 2);
  const { short, long, ends } = c;
  const [sharpe6, vol6] = c.six as [Float64Array, Float64Array];
  const [sharpe12, vol12] = c.twelve as [Float64Array, Float64Array];
  const sharpe = (m: number, sd: number): number => (sd > 0 ? (m / sd) * root : Number.NaN);
  const moments = new Float64Array(8);
  // Point k's figures from moments[o..o+3].
  const put = (k: number, o: number): void => {
    sharpe12[k] = sharpe(moments[o]!, moments[o + 1]!);
    vol12[k] = moments[o + 1]! * root;
    sharpe6[k] = sharpe(moments[o + 2]!, moments[o + 3]!);
    vol6[k] = moments[o + 3]! * root;
  };
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k]!;
    if (end < long) {
      const m6 = meanOf(r, end - short, end);
      let sq6 = 0;
      for (let i = end - short; i < end; i++) sq6 += (r[i]! - m6) ** 2;
      const sd6 = Math.sqrt(sq6 / (short - 1));
      sharpe6[k] = sharpe(m6, sd6);
      vol6[k] = sd6 * root;
      continue;
    }
    // A last point without a partner is paired with itself.
    const next = k + 1 < ends.length ? k + 1 : k;
    pairMoments(r, end, ends[next]!, long, short, moments);
    put(k, 0);
    put(next, 4);
    k = next;
  }
  return c;
}

/** Rolling beta to the benchmark's returns `bench` (rolling.ts beta over each window). */
export function rollingBetaColumns(months: Months, r: Float64Array, bench: Float64Array, P: number): RollingColumns {
  const c = rollingFrame(months, P, 1);
  for (let k = 0; k < c.ends.length; k++) {
    const end = c.ends[k]!;
    c.six[0]![k] = betaOf(r, bench, end - c.short, end);
    if (end >= c.long) c.twelve[0]![k] = betaOf(r, bench, end - c.long, end);
  }
  return c;
}

export function rollingSharpeVolatilityOf(s: DailySeries, months: Months, r: Float64Array, P: number): { sharpe: RollingPoint[]; volatility: RollingPoint[] } {
  const [sharpe, volatility] = rollingPoints(s, rollingSharpeVolatilityColumns(months, r, P));
  return { sharpe: sharpe!, volatility: volatility! };
}

export const rollingSharpeOf = (s: DailySeries, months: Months, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).sharpe;
export const rollingVolatilityOf = (s: DailySeries, months: Months, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).volatility;
export const rollingBetaOf = (s: DailySeries, months: Months, r: Float64Array, bench: Float64Array, P: number): RollingPoint[] => rollingPoints(s, rollingBetaColumns(months, r, bench, P))[0]!;
