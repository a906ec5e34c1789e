/**
 * The report's daily series as columns: each UTC day's closing value in a Float64Array beside its
 * day number, and the figures research/ computes from `{date, value}` objects (periods.ts,
 * rolling.ts, metrics.ts) computed here from those columns with the same arithmetic in the same
 * order, so every number is bit-identical (test/backtest/daily.test.ts holds them to it; the
 * tearsheet's twin is daily-tearsheet.ts). Why a twin: a 1,000,000-bar daily run has a million
 * days, and an object and a date string per day, a boxed copy of the returns per statistic and
 * four comparator sorts cost seconds and ~500 MB.
 * Date strings are made only for the points that are printed.
 */
import { MS, utcDay } from '../core/clock.js';
import type { DrawdownPeriod, MonthlyReturn, YearlyReturn } from '../research/periods.js';
import type { RollingPoint } from '../research/rolling.js';

export interface DailySeries {
  /** UTC day numbers (days since 1970-01-01), ascending. */
  day: Float64Array;
  /** The last value of each day. */
  value: Float64Array;
}

/** The last value of each UTC day of a bar series (ts ascending, ms): one division per bar. */
export function dailySeries(ts: ArrayLike<number>, values: ArrayLike<number>): DailySeries {
  const count = ts.length;
  let n = 0;
  let prev = count > 0 ? Math.floor(ts[0]! / MS.day) : 0;
  for (let i = 1; i < count; i++) {
    const d = Math.floor(ts[i]! / MS.day);
    if (d !== prev) n++;
    prev = d;
  }
  if (count > 0) n++;
  const day = new Float64Array(n);
  const value = new Float64Array(n);
  let k = 0;
  let cur = count > 0 ? Math.floor(ts[0]! / MS.day) : 0;
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? Math.floor(ts[i + 1]! / MS.day) : Number.NaN;
    if (next !== cur) {
      day[k] = cur;
      value[k++] = values[i]!;
    }
    cur = next;
  }
  return { day, value };
}

export const dateOf = (day: number): string => utcDay(day * MS.day);

/** Simple returns between consecutive values. */
export function returnsOf(value: Float64Array): Float64Array {
  const r = new Float64Array(Math.max(0, value.length - 1));
  for (let i = 1; i < value.length; i++) r[i - 1] = value[i]! / value[i - 1]! - 1;
  return r;
}

/** Year × 12 + month − 1 of a day number (civil-from-days, as utcDay). */
export function monthOf(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/**
 * Month ids of every day, computed once: monthly, yearly and rolling figures all ask. The calendar
 * arithmetic runs once per month (days are ascending): a day inside the current month's span of
 * day numbers gets its id directly.
 */
export function monthsOf(day: Float64Array): Float64Array {
  let out = monthsCache.get(day);
  if (!out) monthsCache.set(day, (out = computeMonths(day)));
  return out;
}

/** Month ids by day column: `figures` and `figureRows` of one run both ask (a million days: ~30 ms). */
const monthsCache = new WeakMap<Float64Array, Float64Array>();

function computeMonths(day: Float64Array): Float64Array {
  const out = new Float64Array(day.length);
  let from = 0;
  let to = -1;
  let id = 0;
  for (let i = 0; i < day.length; i++) {
    const d = day[i]!;
    if (!(d >= from && d < to)) {
      id = monthOf(d);
      const y = Math.floor(id / 12);
      const m = id - y * 12;
      from = Date.UTC(y, m, 1) / MS.day;
      to = Date.UTC(y, m + 1, 1) / MS.day;
      // Date.UTC reads years 0–99 as 1900–1999: there each day takes the calendar arithmetic.
      if (y < 100) to = from - 1;
    }
    out[i] = id;
  }
  return out;
}

/**
 * As periods.ts periodReturns: each period compounds from the previous period's last close. A
 * period is a month (`monthsPer` 1) or a year (12) of `months`; no call per day.
 */
function periodReturns(s: DailySeries, months: Float64Array, monthsPer: number): { i: number; ret: number }[] {
  const out: { i: number; ret: number }[] = [];
  const v = s.value;
  const last = v.length - 1;
  let base = v[0] ?? 0;
  for (let i = 0; i <= last; i++) {
    if (i !== last && Math.floor(months[i + 1]! / monthsPer) === Math.floor(months[i]! / monthsPer)) continue;
    out.push({ i, ret: v[i]! / base - 1 });
    base = v[i]!;
  }
  return out;
}

export function monthlyReturnsOf(s: DailySeries, months: Float64Array): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  monthlyReturnRows(s, months).each((m) => out.push(m));
  return out;
}

/** The monthly returns as rows made one at a time, in order (`each` may run more than once). */
export function monthlyReturnRows(s: DailySeries, months: Float64Array): { length: number; each(emit: (m: MonthlyReturn) => void): void } {
  const periods = periodReturns(s, months, 1);
  return {
    length: periods.length,
    each: (emit) => {
      for (const p of periods) emit({ month: dateOf(s.day[p.i]!).slice(0, 7), return: p.ret });
    },
  };
}

export function yearlyReturnsOf(s: DailySeries, months: Float64Array): YearlyReturn[] {
  return periodReturns(s, months, 12).map((p) => ({ year: Math.floor(months[p.i]! / 12), return: p.ret }));
}

/** As periods.ts worstDrawdowns: every drawdown period, deepest first, at most `count`. */
export function worstDrawdownsOf(s: DailySeries, count = 5): DrawdownPeriod[] {
  const { day, value } = s;
  const found: { peak: number; valley: number; end: number; recovered: boolean; depth: number }[] = [];
  let peak = 0;
  let openPeak = -1;
  let valley = -1;
  const close = (end: number, recovered: boolean): void => {
    found.push({ peak: openPeak, valley, end, recovered, depth: 1 - value[valley]! / value[openPeak]! });
  };
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    if (v >= value[peak]!) {
      if (openPeak >= 0) close(i, true);
      openPeak = -1;
      peak = i;
    } else if (openPeak < 0) {
      openPeak = peak;
      valley = i;
    } else if (v < value[valley]!) valley = i;
  }
  if (openPeak >= 0) close(value.length - 1, false);
  return found
    .sort((a, b) => b.depth - a.depth)
    .slice(0, count)
    .map((p) => ({ start: dateOf(day[p.peak]!), valley: dateOf(day[p.valley]!), recovery: p.recovered ? dateOf(day[p.end]!) : null, depth: p.depth, days: Math.round(day[p.end]! - day[p.peak]!) }));
}

// ---- statistics over [a, b) of a column, in stats.ts's order of operations ----

function meanOf(x: ArrayLike<number>, a: number, b: number): number {
  if (b <= a) return Number.NaN;
  let sum = 0;
  for (let i = a; i < b; i++) sum += x[i]!;
  return sum / (b - a);
}

export function stdOf(x: ArrayLike<number>, a: number, b: number, m = meanOf(x, a, b)): number {
  if (b - a - 1 <= 0) return Number.NaN;
  let sum = 0;
  for (let i = a; i < b; i++) sum += (x[i]! - m) ** 2;
  return Math.sqrt(sum / (b - a - 1));
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

export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Beta of the whole run (rolling.ts beta). */
export const betaAll = (r: Float64Array, bench: Float64Array): number => betaOf(r, bench, 0, r.length);

/**
 * As rolling.ts: month-end points (and the last) from the first the six-month window fills;
 * `months[i]` is the month of the day return i ends on. `stats` computes the figures of one window
 * [a, b) into `into` (one per series), so series that share a window's mean and deviation compute
 * them once. The figures are kept as numbers (NaN where the twelve-month window is not full yet)
 * and become points only when printed (`rollingPoint`), so `--json` can write them as it makes them.
 */
export interface RollingColumns {
  /** Index into the daily series of each point's day. */
  ends: Int32Array;
  /** Per series: the six- and twelve-month figure of each point, unrounded. */
  six: Float64Array[];
  twelve: Float64Array[];
}

function rollingColumns(s: DailySeries, months: Float64Array, periods: number, series: number, stats: (a: number, b: number, into: Float64Array) => void): RollingColumns {
  const n = s.value.length - 1;
  const short = Math.max(2, Math.round(periods / 2));
  const long = Math.max(2, periods);
  const ends: number[] = [];
  for (let end = short; end <= n; end++) if (end === n || months[end + 1] !== months[end]) ends.push(end);
  const six = Array.from({ length: series }, () => new Float64Array(ends.length));
  const twelve = Array.from({ length: series }, () => new Float64Array(ends.length).fill(Number.NaN));
  const a6 = new Float64Array(series);
  const a12 = new Float64Array(series);
  ends.forEach((end, k) => {
    stats(end - short, end, a6);
    if (end >= long) stats(end - long, end, a12);
    for (let j = 0; j < series; j++) {
      six[j]![k] = a6[j]!;
      if (end >= long) twelve[j]![k] = a12[j]!;
    }
  });
  return { ends: Int32Array.from(ends), six, twelve };
}

/** Figures rounded to 6 decimals, null where undefined (rolling.ts). */
const round6 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(6)) : null);

/** Point k of series j; `date` is its day (dateOf(s.day[ends[k]])), shared by the series. */
export const rollingPoint = (c: RollingColumns, j: number, k: number, date: string): RollingPoint => ({ date, six_months: round6(c.six[j]![k]!), twelve_months: round6(c.twelve[j]![k]!) });

/** Every point of every series, each point's date string shared by the series. */
export function rollingPoints(s: DailySeries, c: RollingColumns): RollingPoint[][] {
  const out: RollingPoint[][] = c.six.map(() => new Array<RollingPoint>(c.ends.length));
  for (let k = 0; k < c.ends.length; k++) {
    const date = dateOf(s.day[c.ends[k]!]!);
    for (let j = 0; j < out.length; j++) out[j]![k] = rollingPoint(c, j, k, date);
  }
  return out;
}

/** Rolling Sharpe (series 0) and volatility (series 1) together: one mean and one deviation per window serve both. */
export function rollingSharpeVolatilityColumns(s: DailySeries, months: Float64Array, r: Float64Array, P: number): RollingColumns {
  const root = Math.sqrt(P);
  return rollingColumns(s, months, P, 2, (a, b, into) => {
    const m = meanOf(r, a, b);
    const sd = stdOf(r, a, b, m);
    // As stats.ts sharpe (mean / deviation × √P) and deviation × √P, in the same order of operations.
    into[0] = sd > 0 ? (m / sd) * root : Number.NaN;
    into[1] = sd * root;
  });
}

export const rollingBetaColumns = (s: DailySeries, months: Float64Array, r: Float64Array, bench: Float64Array, P: number): RollingColumns =>
  rollingColumns(s, months, P, 1, (a, b, into) => (into[0] = betaOf(r, bench, a, b)));

export function rollingSharpeVolatilityOf(s: DailySeries, months: Float64Array, r: Float64Array, P: number): { sharpe: RollingPoint[]; volatility: RollingPoint[] } {
  const [sharpe, volatility] = rollingPoints(s, rollingSharpeVolatilityColumns(s, months, r, P));
  return { sharpe: sharpe!, volatility: volatility! };
}

export const rollingSharpeOf = (s: DailySeries, months: Float64Array, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).sharpe;
export const rollingVolatilityOf = (s: DailySeries, months: Float64Array, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).volatility;
export const rollingBetaOf = (s: DailySeries, months: Float64Array, r: Float64Array, bench: Float64Array, P: number): RollingPoint[] => rollingPoints(s, rollingBetaColumns(s, months, r, bench, P))[0]!;
