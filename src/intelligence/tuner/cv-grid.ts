/**
 * The neural tuner's cross-validated grid search, pure: each parameter set of the grid is scored
 * on every fold (the caller's `score` fits on the fold's training indices and scores the held-out
 * ones, fitting any scaling inside the fold) and the set with the best mean score wins; ties go to
 * the earlier set of the grid, so list simpler models first. The caller passes only training rows:
 * the rows a model is finally evaluated on never take part in choosing its parameters.
 */
import { complement } from '../../research/folds.js';

export interface GridResult<P> {
  best: P;
  bestScore: number;
  scores: { params: P; mean: number; folds: number[] }[];
}

export function cvGridSearch<P>(grid: readonly P[], folds: readonly (readonly number[])[], n: number, score: (params: P, train: number[], test: readonly number[]) => number): GridResult<P> {
  if (grid.length === 0) throw new RangeError('cvGridSearch: the grid is empty');
  if (folds.length < 2) throw new RangeError(`cvGridSearch: needs at least 2 folds, got ${folds.length}`);
  const trains = folds.map((f) => complement(n, f));
  const scores = grid.map((params) => {
    const perFold = folds.map((test, k) => score(params, trains[k]!, test));
    return { params, mean: perFold.reduce((a, b) => a + b, 0) / perFold.length, folds: perFold };
  });
  let best = scores[0]!;
  for (const s of scores) if (s.mean > best.mean) best = s;
  return { best: best.params, bestScore: best.mean, scores };
}
