/**
 * What an item is worth from what comparable items sold for (pure). Recent comps only; outliers
 * (a mislabelled size, a fake sold as real, a fat-fingered price) are dropped by the modified
 * z-score on the median absolute deviation (Iglewicz & Hoaglin: |0.6745·(x − median)/MAD| > 3.5);
 * the value is the median of what remains and its confidence band the median ± z · 1.2533 · σ/√n
 * with σ = 1.4826 · MAD (the normal-consistent scale). Too few comps, no valuation: a guess is not
 * a price. Luxury references use a smoothed price index instead of the raw median (priceIndex).
 */
import type { CompSale } from '../../core/marketplace.js';

export interface ValuationParams {
  /** Fewer comps than this (after outlier rejection) → no valuation. */
  readonly minComps: number;
  /** Comps older than this are ignored, ms. */
  readonly maxAgeMs: number;
  /** Modified z-score above which a comp is an outlier (3.5 is the textbook cutoff). */
  readonly outlierZ: number;
  /** Width of the band in standard errors (1.96 ≈ 95 %). */
  readonly bandZ: number;
}

export const DEFAULT_VALUATION: ValuationParams = { minComps: 5, maxAgeMs: 30 * 86_400_000, outlierZ: 3.5, bandZ: 1.96 };

export type Valuation =
  | { readonly ok: true; readonly valueCents: number; readonly lowCents: number; readonly highCents: number; readonly used: number; readonly rejected: number }
  | { readonly ok: false; readonly code: 'TOO_FEW_COMPS'; readonly detail: string };

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** The values that are not outliers by the modified z-score (all of them when the MAD is 0 and they agree). */
export function rejectOutliers(xs: readonly number[], cutoff: number): { kept: number[]; rejected: number[] } {
  const m = median(xs);
  const d = mad(xs);
  const kept: number[] = [];
  const rejected: number[] = [];
  for (const x of xs) {
    // With MAD 0 (over half the comps identical) anything off the median is an outlier.
    const z = d === 0 ? (x === m ? 0 : Infinity) : (0.6745 * Math.abs(x - m)) / d;
    (z > cutoff ? rejected : kept).push(x);
  }
  return { kept, rejected };
}

/** Comps of the window (at or before now, not older than maxAge), prices in cents. */
export function recentPrices(comps: readonly CompSale[], nowMs: number, maxAgeMs: number): number[] {
  return comps.filter((c) => c.at <= nowMs && c.at > nowMs - maxAgeMs && c.priceCents > 0).map((c) => c.priceCents);
}

export function valueFromComps(comps: readonly CompSale[], nowMs: number, p: ValuationParams = DEFAULT_VALUATION): Valuation {
  const prices = recentPrices(comps, nowMs, p.maxAgeMs);
  const { kept, rejected } = rejectOutliers(prices, p.outlierZ);
  if (kept.length < p.minComps) {
    return { ok: false, code: 'TOO_FEW_COMPS', detail: `${kept.length} comps in the last ${Math.round(p.maxAgeMs / 86_400_000)} days after dropping ${rejected.length} outliers; ${p.minComps} needed` };
  }
  const value = median(kept);
  const sigma = 1.4826 * mad(kept);
  const half = (p.bandZ * 1.2533 * sigma) / Math.sqrt(kept.length);
  return { ok: true, valueCents: Math.round(value), lowCents: Math.max(0, Math.floor(value - half)), highCents: Math.ceil(value + half), used: kept.length, rejected: rejected.length };
}

export interface IndexParams {
  /** Half-life of the exponential smoothing of daily medians, days. */
  readonly halfLifeDays: number;
}

/**
 * A WatchCharts-style price index of one reference: the median sale of each UTC day (outliers
 * dropped first), smoothed exponentially with the given half-life, so one odd sale moves it little
 * and a sustained move moves it fully. Returns the level after the last day with sales, or NaN.
 */
export function priceIndex(comps: readonly CompSale[], nowMs: number, maxAgeMs: number, outlierZ: number, p: IndexParams): { level: number; days: number } {
  const window = comps.filter((c) => c.at <= nowMs && c.at > nowMs - maxAgeMs && c.priceCents > 0);
  const { kept } = rejectOutliers(window.map((c) => c.priceCents), outlierZ);
  const keep = new Set(kept);
  const byDay = new Map<number, number[]>();
  for (const c of window) {
    if (!keep.has(c.priceCents)) continue;
    const day = Math.floor(c.at / 86_400_000);
    byDay.set(day, [...(byDay.get(day) ?? []), c.priceCents]);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  let level = Number.NaN;
  let prev = 0;
  for (const d of days) {
    const m = median(byDay.get(d)!);
    if (Number.isNaN(level)) level = m;
    else {
      // Weight of the new day's median grows with the gap since the last one: a quiet week counts as a week.
      const alpha = 1 - Math.pow(0.5, (d - prev) / p.halfLifeDays);
      level = level + alpha * (m - level);
    }
    prev = d;
  }
  return { level, days: days.length };
}

/**
 * The comps valuation re-centred on the reference's price index: value = index level, the band
 * keeping its width relative to the median. No valuation when the comps give none.
 */
export function indexedValuation(comps: readonly CompSale[], nowMs: number, p: ValuationParams, ip: IndexParams): Valuation {
  const v = valueFromComps(comps, nowMs, p);
  if (!v.ok) return v;
  const { level } = priceIndex(comps, nowMs, p.maxAgeMs, p.outlierZ, ip);
  if (!Number.isFinite(level) || level <= 0) return v;
  const scale = level / v.valueCents;
  return { ...v, valueCents: Math.round(level), lowCents: Math.floor(v.lowCents * scale), highCents: Math.ceil(v.highCents * scale) };
}
