/**
 * metrics.ts `tearsheet` over a Float64Array of daily returns (daily.ts's twin of it): the same
 * definitions and order of operations, so every figure is bit-identical, with the percentiles
 * taken by quickselect of the ranks they read instead of sorting a million returns.
 */
import type { Tearsheet } from '../research/metrics.js';
import { normInv } from '../research/stats.js';
import { finite, stdOf } from './daily.js';

/**
 * numpy's linear-interpolation percentiles of `r` (no NaN) at each of `qs`, without sorting it: only
 * the ranks the interpolations read are put in place, by quickselect, in a column of the lowest
 * values (lowest()). The ranks are settled from the highest down, each selection reading only
 * what lies below the one before it. The values read are those a sort puts at these ranks, so the
 * result is the same: equal values are interchangeable, and -0 and 0 give the same sum here.
 */
function lowPercentiles(r: Float64Array, qs: readonly number[]): number[] {
  if (r.length === 0) return qs.map(() => Number.NaN);
  const pos = qs.map((q) => ((r.length - 1) * q) / 100);
  const ranks = [...new Set(pos.flatMap((p) => [Math.floor(p), Math.ceil(p)]))].sort((a, b) => b - a);
  const x = lowest(r, ranks[0]! + 1);
  let right = x.length - 1;
  for (const k of ranks) {
    select(x, 0, right, k);
    right = k - 1;
  }
  return pos.map((p) => {
    const lo = Math.floor(p);
    return x[lo]! + (x[Math.ceil(p)]! - x[lo]!) * (p - lo);
  });
}

/** Values sampled by lowest() to estimate the bound. */
const SAMPLE = 4096;

/**
 * A copy of the values of `r` below a bound under which at least `need` of them lie, so its `need`
 * smallest are r's. For a long series the bound comes from a sorted sample of SAMPLE values (aimed
 * at 1.25 × need plus a margin): the VaR ranks of a million returns are then selected among
 * ~65,000 values instead of a copy of all of them. Strictly below: a flat book's returns are mostly
 * 0, and a bound of 0 must not take them all. When the sample misjudges, all of them.
 */
function lowest(r: Float64Array, need: number): Float64Array {
  const n = r.length;
  if (n < 16 * SAMPLE) return r.slice();
  const step = Math.floor(n / SAMPLE);
  const sample = new Float64Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = r[i * step]!;
  sample.sort();
  const at = Math.ceil((need / n) * SAMPLE * 1.25) + 32;
  if (at >= SAMPLE) return r.slice();
  const bound = sample[at]!;
  const out = new Float64Array(Math.min(n, Math.ceil(((2 * (at + 1)) / SAMPLE) * n)));
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = r[i]!;
    if (v < bound) {
      if (k === out.length) return r.slice();
      out[k++] = v;
    }
  }
  return k >= need ? out.subarray(0, k) : r.slice();
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
 * metrics.ts `tearsheet` over a column: the same definitions and order of operations, with the
 * four percentile ranks selected (lowPercentiles) instead of four sorts of boxed copies.
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
  const [p1, p5] = lowPercentiles(r, [(1 - 0.99) * 100, (1 - 0.95) * 100]) as [number, number];
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
