/**
 * The report's daily series as columns: each UTC day's closing value in a Float64Array beside its
 * day number, and the figures research/ computes from `{date, value}` objects (periods.ts,
 * rolling.ts, metrics.ts) computed here from those columns with the same arithmetic in the same
 * order, so every number is bit-identical (test/backtest/daily.test.ts holds them to it; the
 * tearsheet's twin is daily-tearsheet.ts, the rolling figures' daily-rolling.ts). Why a twin: a 1,000,000-bar daily run has a million
 * days, and an object and a date string per day, a boxed copy of the returns per statistic and
 * four comparator sorts cost seconds and ~500 MB.
 * Date strings are made only for the points that are printed.
 */
import { MS, utcDay } from '../core/clock.js';
import type { DrawdownPeriod, MonthlyReturn, YearlyReturn } from '../research/periods.js';

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

/** A figure as printed: null where undefined. */
export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
