/**
 * The outcome-risk model's evaluation on the Pima data, pure given the rows and the tuner:
 * - hold-out: parameters tuned by cross-validation on the 200 classic training rows only, the
 *   scaler and the model fitted on those rows, figures on the 332 test rows (the split the data
 *   README's R reference uses);
 * - cross-validation: stratified k-fold over all rows, nested: in each outer fold the tuner sees
 *   only the outer training rows, and the scaler is fitted inside every fold (no leakage).
 * The tuner is injected (the neural tuner's grid search, src/intelligence/tuner/cv-grid.ts).
 */
import { stratifiedKFold } from '../../research/folds.js';
import { accuracy, auroc, aurocBootstrap, brier, calibration, expectedCalibrationError, type CalibrationBin, type Interval } from './classification-metrics.js';
import type { PimaRow } from './datasets.js';
import { DEFAULT_GBT, fitGbt, predictGbt, type GbtModel, type GbtParams } from './gbt.js';
import { fitLogistic, predictLogistic, type LogisticModel, type LogisticParams } from './logistic.js';
import { fitStandardizer, standardize, type Standardizer } from './standardizer.js';

export type GridTuner = <P>(grid: readonly P[], folds: readonly (readonly number[])[], n: number, score: (params: P, train: number[], test: readonly number[]) => number) => { best: P; bestScore: number };

export interface ModelSpec<P, M> {
  name: 'logistic_regression' | 'gradient_boosted_trees';
  /** Simpler settings first: the tuner keeps the earlier of equal scores. */
  grid: readonly P[];
  fit(rows: readonly (readonly number[])[], labels: readonly (0 | 1)[], params: P): M;
  predict(model: M, rows: readonly (readonly number[])[]): number[];
}

export const LOGISTIC_SPEC: ModelSpec<LogisticParams, LogisticModel> = {
  name: 'logistic_regression',
  // The maximum-likelihood fit has nothing to tune: one setting that converges (see logistic.ts).
  grid: [{ steps: 300 }],
  fit: fitLogistic,
  predict: predictLogistic,
};

export const GBT_SPEC: ModelSpec<GbtParams, GbtModel> = {
  name: 'gradient_boosted_trees',
  // Tree depth is what matters on 7 features and a few hundred rows; 100 trees at rate 0.1 are fixed
  // to keep the nested search (folds × folds × grid fits) to seconds.
  grid: [1, 2, 3].map((depth) => ({ ...DEFAULT_GBT, depth })),
  fit: fitGbt,
  predict: predictGbt,
};

export interface ModelFigures {
  model: ModelSpec<unknown, unknown>['name'];
  params: unknown;
  n_train: number;
  n_test: number;
  auroc: number;
  auroc_ci: Interval;
  accuracy: number;
  brier: number;
  calibration: CalibrationBin[];
  expected_calibration_error: number;
  /** The tuner's mean inner-fold AUROC of the chosen parameters (training rows only); null: nothing to tune. */
  tuning_auroc: number | null;
  cross_validation: { folds: number; auroc: number; auroc_ci: Interval; fold_auroc: number[]; accuracy: number; brier: number };
}

export interface EvaluationOptions {
  folds: number;
  seed: number;
  resamples: number;
}

export const DEFAULT_EVALUATION: EvaluationOptions = { folds: 5, seed: 20190101, resamples: 1000 };

interface Fitted<M> {
  scaler: Standardizer;
  model: M;
}

function fitScaled<P, M>(spec: ModelSpec<P, M>, x: readonly number[][], y: readonly (0 | 1)[], params: P): Fitted<M> {
  const scaler = fitStandardizer(x);
  return { scaler, model: spec.fit(standardize(scaler, x), y, params) };
}

const pick = <T>(xs: readonly T[], idx: readonly number[]): T[] => idx.map((i) => xs[i]!);

/** Tune on (x, y) by inner k-fold CV with the scaler fitted inside each inner fold. */
function tuneOn<P, M>(spec: ModelSpec<P, M>, x: readonly number[][], y: readonly (0 | 1)[], tune: GridTuner, o: EvaluationOptions): { best: P; bestScore: number | null } {
  // A grid of one setting has nothing to choose: no inner fits, and no tuning score to report.
  if (spec.grid.length === 1) return { best: spec.grid[0]!, bestScore: null };
  const folds = stratifiedKFold(y, o.folds, o.seed + 1);
  return tune(spec.grid, folds, x.length, (params, train, test) => {
    const f = fitScaled(spec, pick(x, train), pick(y, train), params);
    return auroc(spec.predict(f.model, standardize(f.scaler, pick(x, test))), pick(y, test));
  });
}

export function evaluateModel<P, M>(spec: ModelSpec<P, M>, rows: readonly PimaRow[], tune: GridTuner, o: EvaluationOptions = DEFAULT_EVALUATION): ModelFigures & { fitted: Fitted<M> } {
  const train = rows.filter((r) => r.split === 'train');
  const test = rows.filter((r) => r.split === 'test');
  const xTr = train.map((r) => r.x);
  const yTr = train.map((r) => r.y);
  const tuned = tuneOn(spec, xTr, yTr, tune, o);
  const fitted = fitScaled(spec, xTr, yTr, tuned.best);
  const yTe = test.map((r) => r.y);
  const p = spec.predict(fitted.model, standardize(fitted.scaler, test.map((r) => r.x)));
  const table = calibration(p, yTe);

  // Nested cross-validation over every row: out-of-fold predictions pooled.
  const x = rows.map((r) => r.x);
  const y = rows.map((r) => r.y);
  const outer = stratifiedKFold(y, o.folds, o.seed);
  const oof = new Array<number>(rows.length);
  const foldAuroc: number[] = [];
  for (const testIdx of outer) {
    const inTest = new Set(testIdx);
    const trainIdx = x.flatMap((_, i) => (inTest.has(i) ? [] : [i]));
    const xo = pick(x, trainIdx);
    const yo = pick(y, trainIdx);
    const f = fitScaled(spec, xo, yo, tuneOn(spec, xo, yo, tune, o).best);
    const po = spec.predict(f.model, standardize(f.scaler, pick(x, testIdx)));
    testIdx.forEach((i, k) => (oof[i] = po[k]!));
    foldAuroc.push(auroc(po, pick(y, testIdx)));
  }

  return {
    model: spec.name,
    params: tuned.best,
    n_train: train.length,
    n_test: test.length,
    auroc: auroc(p, yTe),
    auroc_ci: aurocBootstrap(p, yTe, { resamples: o.resamples, seed: o.seed }),
    accuracy: accuracy(p, yTe),
    brier: brier(p, yTe),
    calibration: table,
    expected_calibration_error: expectedCalibrationError(table),
    tuning_auroc: tuned.bestScore,
    cross_validation: {
      folds: o.folds,
      auroc: auroc(oof, y),
      auroc_ci: aurocBootstrap(oof, y, { resamples: o.resamples, seed: o.seed }),
      fold_auroc: foldAuroc,
      accuracy: accuracy(oof, y),
      brier: brier(oof, y),
    },
    fitted,
  };
}
