/**
 * Stratified k-fold split, pure and seeded: each class's indices are shuffled (Fisher–Yates under
 * `seededRandom`) and dealt round-robin to the folds, so every fold keeps the outcome rate of the
 * whole and a given seed always gives the same folds.
 */
import { seededRandom } from '../market/rng.js';

/** The test indices of each of `k` folds; the training indices of a fold are all the others. */
export function stratifiedKFold(labels: readonly (0 | 1)[], k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2 || k > labels.length) throw new RangeError(`stratifiedKFold: k must be a whole number 2–${labels.length}, got ${k}`);
  const rand = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const cls of [0, 1] as const) {
    const idx = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) folds[next++ % k]!.push(i);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}

/** The indices 0..n-1 that are not in `test`. */
export function complement(n: number, test: readonly number[]): number[] {
  const out = new Set(test);
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (!out.has(i)) train.push(i);
  return train;
}
