/**
 * Figures of a binary risk model, pure: AUROC (the Mann–Whitney probability that a case scores
 * above a non-case, ties counted half), its percentile bootstrap interval, accuracy at a threshold,
 * the Brier score and a reliability (calibration) table. Floats: these are statistics, not money.
 */
import { seededRandom } from '../../market/rng.js';

/** AUROC by ranks with mid-ranks for ties: O(n log n), equal to the pairwise count. */
export function auroc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const n = scores.length;
  if (n !== labels.length) throw new RangeError(`auroc: ${n} scores but ${labels.length} labels`);
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1]![0] === order[i]![0]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[order[k]![1]] === 1) { rankSumPos += midRank; pos++; }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Interval {
  lo: number;
  hi: number;
  level: number;
  resamples: number;
}

/**
 * Percentile bootstrap interval of the AUROC: resample the (score, label) pairs with replacement
 * `resamples` times under a fixed seed (reproducible), skip resamples with one class only.
 */
export function aurocBootstrap(scores: readonly number[], labels: readonly (0 | 1)[], o: { resamples?: number; level?: number; seed?: number } = {}): Interval {
  const resamples = o.resamples ?? 1000;
  const level = o.level ?? 0.95;
  const rand = seededRandom(o.seed ?? 1);
  const n = scores.length;
  const stats: number[] = [];
  const s = new Array<number>(n);
  const l = new Array<0 | 1>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rand() * n);
      s[i] = scores[k]!;
      l[i] = labels[k]!;
    }
    const a = auroc(s, l);
    if (!Number.isNaN(a)) stats.push(a);
  }
  stats.sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = (stats.length - 1) * p;
    const lo = Math.floor(h);
    return stats[lo]! + (h - lo) * ((stats[Math.min(lo + 1, stats.length - 1)] ?? stats[lo]!) - stats[lo]!);
  };
  return { lo: q((1 - level) / 2), hi: q(1 - (1 - level) / 2), level, resamples: stats.length };
}

export function accuracy(probs: readonly number[], labels: readonly (0 | 1)[], threshold = 0.5): number {
  let ok = 0;
  for (let i = 0; i < probs.length; i++) if ((probs[i]! > threshold ? 1 : 0) === labels[i]) ok++;
  return ok / probs.length;
}

/** Mean squared difference between predicted probability and outcome (0 perfect, 0.25 a coin). */
export function brier(probs: readonly number[], labels: readonly (0 | 1)[]): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i]! - labels[i]!) ** 2;
  return s / probs.length;
}

export interface CalibrationBin {
  lo: number;
  hi: number;
  n: number;
  mean_predicted: number;
  observed_rate: number;
}

/**
 * Reliability table: predictions in `bins` equal-width probability bins, each with its mean
 * prediction and observed event rate (a calibrated model has them equal). Empty bins are left out.
 * The last bin is closed so a prediction of exactly 1 lands in it.
 */
export function calibration(probs: readonly number[], labels: readonly (0 | 1)[], bins = 10): CalibrationBin[] {
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  const cnt = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i]! * bins));
    sumP[b]! += probs[i]!;
    sumY[b]! += labels[i]!;
    cnt[b]!++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (cnt[b] === 0) continue;
    out.push({ lo: b / bins, hi: (b + 1) / bins, n: cnt[b]!, mean_predicted: sumP[b]! / cnt[b]!, observed_rate: sumY[b]! / cnt[b]! });
  }
  return out;
}

/**
 * Calibration in one number: intercept-free "expected calibration error", the bins' absolute gaps
 * between mean prediction and observed rate weighted by their share of the predictions.
 */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  const n = table.reduce((a, b) => a + b.n, 0);
  return table.reduce((a, b) => a + (b.n / n) * Math.abs(b.mean_predicted - b.observed_rate), 0);
}
