/**
 * metrics.ts `tearsheet` over a Float64Array of daily returns (daily.ts's twin of it): the same
 * definitions and order of operations, so every figure is bit-identical, in two passes over the
 * returns, with the percentiles taken by quickselect of the ranks they read instead of sorting a
 * million returns. Two passes, not one per figure: each pass over a million values runs partly
 * before V8 has compiled it, in a process that runs it once.
 */
import type { Tearsheet } from '../research/metrics.js';
import { normInv } from '../research/stats.js';
import { finite } from './daily.js';

/** The percentiles of the historical VaR at 99 % and 95 % (stats.ts historicalVar: q = 100·(1 − c)). */
const TAILS = [(1 - 0.99) * 100, (1 - 0.95) * 100] as const;

/** Position of numpy's linear-interpolation percentile q among n sorted values. */
const positionOf = (n: number, q: number): number => ((n - 1) * q) / 100;

/** Values sampled to estimate the bound of the low values (lowBound). */
const SAMPLE = 4096;

/**
 * A bound under which, by a sorted sample of SAMPLE values, about 1.25 × need values of `r` lie
 * (plus a margin), and room for twice as many: the VaR ranks of a million returns are then
 * selected among ~60,000 values instead of a copy of all of them. A short series: no bound.
 */
function lowBound(r: Float64Array, need: number): { bound: number; room: number } {
  const n = r.length;
  const all = { bound: Number.POSITIVE_INFINITY, room: n };
  if (n < 16 * SAMPLE) return all;
  const step = Math.floor(n / SAMPLE);
  const sample = new Float64Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = r[i * step]!;
  sample.sort();
  const at = Math.ceil((need / n) * SAMPLE * 1.25) + 32;
  return at < SAMPLE ? { bound: sample[at]!, room: Math.min(n, Math.ceil(((2 * (at + 1)) / SAMPLE) * n)) } : all;
}

interface FirstPass {
  wealth: number;
  mdd: number;
  sum: number;
  down: number;
  /** Values of the series holding its lowest ones, in any order: what the percentiles select from. */
  low: Float64Array;
}

/**
 * The compounded wealth (total return and drawdown), the mean's sum and the downside sum, each
 * accumulator seeing the same values in the same order as its own loop would; and the values
 * strictly below lowBound's bound (a flat book's returns are mostly 0, and a bound of 0 must not
 * take them all). They hold the lowest values when there are enough of them and they fit; when
 * the sample misjudged, `low` is a copy of all. null when the series holds a NaN.
 */
function firstPass(r: Float64Array): FirstPass | null {
  const need = Math.ceil(positionOf(r.length, TAILS[1])) + 1;
  const { bound, room } = lowBound(r, need);
  const low = new Float64Array(room);
  let k = 0;
  let wealth = 1;
  let peak = 1;
  let mdd = r.length ? 0 : Number.NaN;
  let sum = 0;
  let down = 0;
  for (let i = 0; i < r.length; i++) {
    const x = r[i]!;
    if (Number.isNaN(x)) return null;
    wealth *= 1 + x;
    if (wealth > peak) peak = wealth;
    mdd = Math.max(mdd, 1 - wealth / peak);
    sum += x;
    down += Math.min(x, 0) ** 2;
    if (x < bound) {
      if (k < room) low[k] = x;
      k++;
    }
  }
  return { wealth, mdd, sum, down, low: k >= need && k <= room ? low.subarray(0, k) : r.slice() };
}

/**
 * numpy's linear-interpolation percentiles at `qs` of a series of n values whose lowest are in
 * `low`, reordering `low`: only the ranks the interpolations read are put in place, settled from
 * the highest down, each selection reading only what lies below the one before it. The values read
 * are those a sort puts at these ranks, so the result is the same: equal values are
 * interchangeable, and -0 and 0 give the same sum here.
 */
function lowPercentiles(low: Float64Array, n: number, qs: readonly number[]): number[] {
  if (n === 0) return qs.map(() => Number.NaN);
  const pos = qs.map((q) => positionOf(n, q));
  const ranks = [...new Set(pos.flatMap((p) => [Math.floor(p), Math.ceil(p)]))].sort((a, b) => b - a);
  let right = low.length - 1;
  for (const k of ranks) {
    select(low, 0, right, k);
    right = k - 1;
  }
  return pos.map((p) => {
    const lo = Math.floor(p);
    return low[lo]! + (low[Math.ceil(p)]! - low[lo]!) * (p - lo);
  });
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

/**
 * The sample standard deviation about mean `m` (stats.ts std) and the means of the returns at or
 * below each cutoff (stats.ts historicalCvar), in the series' order, in one pass.
 */
function secondPass(r: Float64Array, m: number, cutA: number, cutB: number): { sd: number; tailA: number; tailB: number } {
  let sq = 0;
  let sumA = 0;
  let kA = 0;
  let sumB = 0;
  let kB = 0;
  for (let i = 0; i < r.length; i++) {
    const x = r[i]!;
    sq += (x - m) ** 2;
    if (x <= cutA) {
      sumA += x;
      kA++;
    }
    if (x <= cutB) {
      sumB += x;
      kB++;
    }
  }
  return { sd: r.length - 1 <= 0 ? Number.NaN : Math.sqrt(sq / (r.length - 1)), tailA: kA ? sumA / kA : Number.NaN, tailB: kB ? sumB / kB : Number.NaN };
}

/**
 * metrics.ts `tearsheet` over a column: the same definitions and order of operations, with the
 * four percentile ranks selected (lowPercentiles) instead of four sorts of boxed copies.
 */
export function tearsheetOf(returns: Float64Array, periods = 252): Tearsheet {
  let r = returns;
  let first = firstPass(r);
  if (!first) {
    // NaNs are ignored, as metrics.ts's clean() does; the periods still count them.
    r = returns.filter((x) => !Number.isNaN(x));
    first = firstPass(r)!;
  }
  const { wealth, mdd, sum, down, low } = first;
  const total = r.length ? wealth - 1 : Number.NaN;
  const ar = returns.length === 0 || r.length === 0 ? Number.NaN : (1 + total) ** (periods / returns.length) - 1;
  const m = r.length ? sum / r.length : Number.NaN;
  const downside = r.length === 0 ? Number.NaN : Math.sqrt(r.length ? down / r.length : Number.NaN) * Math.sqrt(periods);
  const [p1, p5] = lowPercentiles(low, r.length, TAILS) as [number, number];
  const { sd, tailA: tail95, tailB: tail99 } = secondPass(r, m, p5, p1);
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
