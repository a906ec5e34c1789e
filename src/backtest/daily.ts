/**
 * The report's daily series as columns: each UTC day's closing value in a Float64Array beside its
 * day number, and the figures research/ computes from `{date, value}` objects (periods.ts,
 * rolling.ts, metrics.ts) computed here from those columns with the same arithmetic in the same
 * order, so every number is bit-identical (test/backtest/daily.test.ts holds them to it). Why a
 * twin: a 1,000,000-bar daily run has a million days, and an object and a date string per day, a
 * boxed copy of the returns per statistic and four comparator sorts cost seconds and ~500 MB.
 * Date strings are made only for the points that are printed.
 */
import { MS, utcDay } from '../core/clock.js';
import type { DrawdownPeriod, MonthlyReturn, YearlyReturn } from '../research/periods.js';
import type { Tearsheet } from '../research/metrics.js';
import type { RollingPoint } from '../research/rolling.js';
import { normInv } from '../research/stats.js';

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
  return periodReturns(s, months, 1).map((p) => ({ month: dateOf(s.day[p.i]!).slice(0, 7), return: p.ret }));
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

function stdOf(x: ArrayLike<number>, a: number, b: number, m = meanOf(x, a, b)): number {
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

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Beta of the whole run (rolling.ts beta). */
export const betaAll = (r: Float64Array, bench: Float64Array): number => betaOf(r, bench, 0, r.length);

/**
 * As rolling.ts: month-end points (and the last) from the first the six-month window fills;
 * `months[i]` is the month of the day return i ends on; figures rounded to 6 decimals. `stats`
 * computes the figures of one window [a, b) into `into` (one per series), so series that share a
 * window's mean and deviation compute them once; each point's date string is shared by the series.
 */
function rolling(s: DailySeries, months: Float64Array, periods: number, series: number, stats: (a: number, b: number, into: Float64Array) => void): RollingPoint[][] {
  const n = s.value.length - 1;
  const short = Math.max(2, Math.round(periods / 2));
  const long = Math.max(2, periods);
  const round6 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(6)) : null);
  const out: RollingPoint[][] = Array.from({ length: series }, () => []);
  const six = new Float64Array(series);
  const twelve = new Float64Array(series);
  for (let end = short; end <= n; end++) {
    if (end !== n && months[end + 1] === months[end]) continue;
    const date = dateOf(s.day[end]!);
    stats(end - short, end, six);
    if (end >= long) stats(end - long, end, twelve);
    for (let j = 0; j < series; j++) out[j]!.push({ date, six_months: round6(six[j]!), twelve_months: end >= long ? round6(twelve[j]!) : null });
  }
  return out;
}

/** Rolling Sharpe and volatility together: one mean and one deviation per window serve both. */
export function rollingSharpeVolatilityOf(s: DailySeries, months: Float64Array, r: Float64Array, P: number): { sharpe: RollingPoint[]; volatility: RollingPoint[] } {
  const root = Math.sqrt(P);
  const [sharpe, volatility] = rolling(s, months, P, 2, (a, b, into) => {
    const m = meanOf(r, a, b);
    const sd = stdOf(r, a, b, m);
    // As stats.ts sharpe (mean / deviation × √P) and deviation × √P, in the same order of operations.
    into[0] = sd > 0 ? (m / sd) * root : Number.NaN;
    into[1] = sd * root;
  });
  return { sharpe: sharpe!, volatility: volatility! };
}

export const rollingSharpeOf = (s: DailySeries, months: Float64Array, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).sharpe;
export const rollingVolatilityOf = (s: DailySeries, months: Float64Array, r: Float64Array, P: number): RollingPoint[] => rollingSharpeVolatilityOf(s, months, r, P).volatility;
export const rollingBetaOf = (s: DailySeries, months: Float64Array, r: Float64Array, bench: Float64Array, P: number): RollingPoint[] =>
  rolling(s, months, P, 1, (a, b, into) => (into[0] = betaOf(r, bench, a, b)))[0]!;

/** The lower of the two ranks numpy's linear-interpolation percentile q of n values reads. */
const lowestRank = (x: Float64Array, q: number): number => Math.floor(((x.length - 1) * q) / 100);

/**
 * numpy's linear-interpolation percentile of `x`, reordering it in place: only the two ranks the
 * interpolation reads are put in place (quickselect), not the whole column sorted. The ranks
 * below `settled` hold the smallest values already (a smaller percentile was taken first). The
 * values read are those a sort puts at these ranks, so the result is the same: equal values are
 * interchangeable, and -0 and 0 give the same sum here.
 */
function percentileRanked(x: Float64Array, q: number, settled: number): number {
  if (x.length === 0) return Number.NaN;
  const pos = ((x.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  select(x, settled, x.length - 1, lo);
  // The next rank up is the least of what lies above lo.
  let above = x[lo]!;
  if (hi > lo) {
    let at = hi;
    above = x[hi]!;
    for (let i = hi + 1; i < x.length; i++) if (x[i]! < above) [above, at] = [x[i]!, i];
    [x[hi], x[at]] = [x[at]!, x[hi]!];
  }
  return x[lo]! + (above - x[lo]!) * (pos - lo);
}

/** Reorders x[left..right] so x[k] holds the value a sort puts there, smaller ones before it, larger after. */
function select(x: Float64Array, left: number, right: number, k: number): void {
  let l = left;
  let r = right;
  while (r > l) {
    // Median of three as the pivot keeps sorted and reversed input linear.
    const mid = (l + r) >> 1;
    if (x[mid]! < x[l]!) swap(x, mid, l);
    if (x[r]! < x[l]!) swap(x, r, l);
    if (x[r]! < x[mid]!) swap(x, r, mid);
    const pivot = x[mid]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (x[i]! < pivot) i++;
      while (x[j]! > pivot) j--;
      if (i <= j) {
        swap(x, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
}

/** Means of the returns at or below each cutoff, in the series' order (stats.ts historicalCvar), in one pass. */
function tailMeans(r: Float64Array, a: number, b: number): [number, number] {
  let sumA = 0;
  let kA = 0;
  let sumB = 0;
  let kB = 0;
  for (let i = 0; i < r.length; i++) {
    const x = r[i]!;
    if (x <= a) {
      sumA += x;
      kA++;
    }
    if (x <= b) {
      sumB += x;
      kB++;
    }
  }
  return [kA ? sumA / kA : Number.NaN, kB ? sumB / kB : Number.NaN];
}

/**
 * metrics.ts `tearsheet` over a column: the same definitions and order of operations, with one
 * typed-array sort for the four percentiles instead of four sorts of boxed copies.
 */
export function tearsheetOf(returns: Float64Array, periods = 252): Tearsheet {
  let n = 0;
  for (let i = 0; i < returns.length; i++) if (!Number.isNaN(returns[i]!)) n++;
  const r = n === returns.length ? returns : returns.filter((x) => !Number.isNaN(x));
  // One pass for the compounded wealth (total return and drawdown), the mean's sum and the
  // downside sum: each accumulator sees the same values in the same order as its own loop would.
  let wealth = 1;
  let peak = 1;
  let mdd = r.length ? 0 : Number.NaN;
  let sum = 0;
  let down = 0;
  for (let i = 0; i < r.length; i++) {
    const x = r[i]!;
    wealth *= 1 + x;
    if (wealth > peak) peak = wealth;
    mdd = Math.max(mdd, 1 - wealth / peak);
    sum += x;
    down += Math.min(x, 0) ** 2;
  }
  const total = r.length ? wealth - 1 : Number.NaN;
  const ar = returns.length === 0 || r.length === 0 ? Number.NaN : (1 + total) ** (periods / returns.length) - 1;
  const m = r.length ? sum / r.length : Number.NaN;
  const sd = stdOf(r, 0, r.length, m);
  const downside = r.length === 0 ? Number.NaN : Math.sqrt(r.length ? down / r.length : Number.NaN) * Math.sqrt(periods);
  const ranked = r.slice();
  const p1 = percentileRanked(ranked, (1 - 0.99) * 100, 0);
  const p5 = percentileRanked(ranked, (1 - 0.95) * 100, lowestRank(ranked, (1 - 0.99) * 100));
  const [tail95, tail99] = tailMeans(r, p5, p1);
  const pdf = (x: number): number => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
  const gVar = (c: number): number => -(m + normInv(1 - c) * sd);
  const gCvar = (c: number): number => -m + (sd * pdf(normInv(1 - c))) / (1 - c);
  return {
    periods: returns.length,
    total_return: finite(total),
    annual_return: finite(ar),
    annual_volatility: finite(sd * Math.sqrt(periods)),
    sharpe: finite(sd > 0 ? (m / sd) * Math.sqrt(periods) : Number.NaN),
    sortino: finite(downside > 0 ? (m * periods) / downside : Number.NaN),
    calmar: mdd > 0 ? finite(ar / mdd) : null,
    max_drawdown: finite(mdd),
    var_95: finite(-p5),
    cvar_95: finite(-tail95),
    var_99: finite(-p1),
    cvar_99: finite(-tail99),
    gaussian_var_95: finite(gVar(0.95)),
    gaussian_cvar_95: finite(gCvar(0.95)),
    gaussian_var_99: finite(gVar(0.99)),
    gaussian_cvar_99: finite(gCvar(0.99)),
  };
}
