/**
 * metrics.ts `tearsheet` over a Float64Array of daily returns (daily.ts's twin of it): the same
 * definitions and order of operations, so every figure is bit-identical, with the percentiles
 * taken by quickselect of the two ranks they read instead of sorting a million returns.
 */
import type { Tearsheet } from '../research/metrics.js';
import { normInv } from '../research/stats.js';
import { finite, stdOf } from './daily.js';

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
