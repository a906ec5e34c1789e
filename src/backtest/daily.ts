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

/**
 * The last value of each UTC day of a bar series (ts ascending, ms). When every bar is its own day
 * (daily bars) the values are the series itself, not a copy, and one pass over the times finds it
 * (it stops at the first day with two bars: an intraday series then takes a second pass).
 */
export function dailySeries(ts: ArrayLike<number>, values: Float64Array): DailySeries {
  const count = ts.length;
  const own = new Float64Array(count);
  let i = 0;
  for (; i < count; i++) {
    own[i] = Math.floor(ts[i]! / MS.day);
    if (i > 0 && own[i] === own[i - 1]) break;
  }
  if (i === count) return { day: own, value: values.subarray(0, count) };
  let n = 0;
  let prev = Number.NaN;
  for (let j = 0; j < count; j++) {
    const d = Math.floor(ts[j]! / MS.day);
    if (d !== prev) n++;
    prev = d;
  }
  const day = new Float64Array(n);
  const value = new Float64Array(n);
  let k = -1;
  for (let j = 0; j < count; j++) {
    const d = Math.floor(ts[j]! / MS.day);
    if (k < 0 || d !== day[k]) day[++k] = d;
    value[k] = values[j]!;
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

/** The day number of the first day of month id (year × 12 + month − 1): days-from-civil, any year. */
export function firstDayOf(id: number): number {
  const m = id - Math.floor(id / 12) * 12 + 1;
  const y = Math.floor(id / 12) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The calendar months of a daily series: monthly, yearly and rolling figures and the sampled equity curve all read them. */
export interface Months {
  /** Index into the series of each month's last day, ascending (the series' last day closes the last month). */
  end: Int32Array;
  /** Year × 12 + month − 1 of each. */
  id: Float64Array;
}

/** The months of a day column, found once per column (`figures` and `figureRows` of one run both ask). */
export function monthsOf(day: Float64Array): Months {
  let out = monthsCache.get(day);
  if (!out) monthsCache.set(day, (out = computeMonths(day)));
  return out;
}

const monthsCache = new WeakMap<Float64Array, Months>();

/**
 * Each month's end by binary search, not a look at every day: days are whole and strictly
 * ascending, so the first day of the next month is at most (its day number − this day's) places
 * on, and exactly there when no day is missing (daily bars: no search). The calendar is asked once
 * per month (its first day's number), and a month's id again only after a month without days.
 */
function computeMonths(day: Float64Array): Months {
  const end: number[] = [];
  const id: number[] = [];
  let month = day.length ? monthOf(day[0]!) : 0;
  let next = firstDayOf(month + 1);
  for (let i = 0; i < day.length; ) {
    // The first index after i whose day is in a later month: in [lo, hi].
    let lo = i + 1;
    let hi = Math.min(day.length, i + (next - day[i]!));
    if (day[hi - 1]! < next) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (day[mid]! < next) lo = mid + 1;
      else hi = mid;
    }
    end.push(lo - 1);
    id.push(month);
    i = lo;
    if (i === day.length) break;
    const after = firstDayOf(month + 2);
    if (day[i]! < after) {
      month++;
      next = after;
    } else {
      month = monthOf(day[i]!);
      next = firstDayOf(month + 1);
    }
  }
  return { end: Int32Array.from(end), id: Float64Array.from(id) };
}

/** Periods' returns as columns: the index of each period's last day, its month id, its return. */
export interface PeriodReturns {
  at: number[];
  id: number[];
  ret: number[];
}

/**
 * As periods.ts periodReturns: each period compounds from the previous period's last close. A
 * period is a month (`monthsPer` 1) or a year (12) of `months`; no call per day.
 */
export function periodReturns(s: DailySeries, months: Months, monthsPer: number): PeriodReturns {
  const out: PeriodReturns = { at: [], id: [], ret: [] };
  const v = s.value;
  const { end, id } = months;
  let base = v[0] ?? 0;
  for (let k = 0; k < end.length; k++) {
    if (k + 1 < end.length && Math.floor(id[k + 1]! / monthsPer) === Math.floor(id[k]! / monthsPer)) continue;
    const i = end[k]!;
    out.at.push(i);
    out.id.push(id[k]!);
    out.ret.push(v[i]! / base - 1);
    base = v[i]!;
  }
  return out;
}

export function monthlyReturnsOf(s: DailySeries, months: Months): MonthlyReturn[] {
  const p = periodReturns(s, months, 1);
  return p.at.map((i, k) => ({ month: dateOf(s.day[i]!).slice(0, 7), return: p.ret[k]! }));
}

export function yearlyReturnsOf(s: DailySeries, months: Months): YearlyReturn[] {
  const p = periodReturns(s, months, 12);
  return p.id.map((id, k) => ({ year: Math.floor(id / 12), return: p.ret[k]! }));
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

// ---- beta over [a, b) of two columns, in stats.ts's order of operations ----

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

export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

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

/**
 * Rolling Sharpe (series 0) and volatility (series 1), as stats.ts sharpe (mean / deviation × √P)
 * and deviation × √P over each window: one mean and one deviation per window serve both. The
 * twelve-month window's sums run alone until the six-month window starts and then beside its
 * sums in the same loop: each sum adds the same values in the same order as its own loop would
 * (bit-identical), and the two independent chains of additions overlap in the processor.
 */
export function rollingSharpeVolatilityColumns(months: Months, r: Float64Array, P: number): RollingColumns {
  const root = Math.sqrt(P);
  const c = rollingFrame(months, P, 2);
  const { short, long, ends } = c;
  const [sharpe6, vol6] = c.six as [Float64Array, Float64Array];
  const [sharpe12, vol12] = c.twelve as [Float64Array, Float64Array];
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k]!;
    const mid = end - short;
    const from = end >= long ? end - long : mid;
    let sum12 = 0;
    let sum6 = 0;
    for (let i = from; i < mid; i++) sum12 += r[i]!;
    for (let i = mid; i < end; i++) {
      sum12 += r[i]!;
      sum6 += r[i]!;
    }
    const m12 = sum12 / long;
    const m6 = sum6 / short;
    let sq12 = 0;
    let sq6 = 0;
    for (let i = from; i < mid; i++) sq12 += (r[i]! - m12) ** 2;
    for (let i = mid; i < end; i++) {
      sq12 += (r[i]! - m12) ** 2;
      sq6 += (r[i]! - m6) ** 2;
    }
    const sd6 = Math.sqrt(sq6 / (short - 1));
    sharpe6[k] = sd6 > 0 ? (m6 / sd6) * root : Number.NaN;
    vol6[k] = sd6 * root;
    if (end >= long) {
      const sd12 = Math.sqrt(sq12 / (long - 1));
      sharpe12[k] = sd12 > 0 ? (m12 / sd12) * root : Number.NaN;
      vol12[k] = sd12 * root;
    }
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
