/**
 * The outcome-risk model on the shipped Pima data: logistic regression against the R reference of
 * the data README, AUROC floors, and the no-leakage rules (scaler inside folds, tuner on training
 * rows only) checked by spying on what each fit receives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cvGridSearch } from '../../../src/intelligence/tuner/cv-grid.js';
import { stratifiedKFold } from '../../../src/research/folds.js';
import { loadPima, type PimaRow } from '../../../src/ventures/healthcare/datasets.js';
import { evaluatePima, type PimaFigures } from '../../../src/ventures/healthcare/evaluate.js';
import { fitLogistic, predictLogistic } from '../../../src/ventures/healthcare/logistic.js';
import { evaluateModel, type ModelSpec } from '../../../src/ventures/healthcare/risk-model.js';
import { fitStandardizer, standardize } from '../../../src/ventures/healthcare/standardizer.js';
import { auroc, accuracy } from '../../../src/ventures/healthcare/classification-metrics.js';

let rows: PimaRow[];
let figures: PimaFigures;
beforeAll(() => {
  rows = loadPima();
  figures = evaluatePima(cvGridSearch);
}, 120_000);

describe('Pima outcome-risk model', () => {
  it('logistic regression reproduces R: AUROC 0.866 and accuracy 0.801 on the 332 test rows (±0.002)', () => {
    const train = rows.filter((r) => r.split === 'train');
    const test = rows.filter((r) => r.split === 'test');
    expect([train.length, test.length]).toEqual([200, 332]);
    const sc = fitStandardizer(train.map((r) => r.x));
    const m = fitLogistic(standardize(sc, train.map((r) => r.x)), train.map((r) => r.y));
    const p = predictLogistic(m, standardize(sc, test.map((r) => r.x)));
    expect(Math.abs(auroc(p, test.map((r) => r.y)) - 0.866)).toBeLessThan(0.002);
    expect(Math.abs(accuracy(p, test.map((r) => r.y)) - 0.801)).toBeLessThan(0.002);
    // Converged to the maximum likelihood: the mean score vector vanishes.
    const xs = standardize(sc, train.map((r) => r.x));
    const pt = predictLogistic(m, xs);
    const grad = [0, ...xs[0]!.map((_, j) => j + 1)].map((j) => xs.reduce((a, x, i) => a + (train[i]!.y - pt[i]!) * (j === 0 ? 1 : x[j - 1]!), 0) / xs.length);
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-4);
  });

  it('every model clears the stated AUROC floor of 0.80 on the test rows and in nested cross-validation', () => {
    expect(figures.models.map((m) => m.model)).toEqual(['logistic_regression', 'gradient_boosted_trees']);
    expect(figures.model).toBe('logistic_regression');
    for (const m of figures.models) {
      expect(m.auroc).toBeGreaterThan(0.8);
      expect(m.cross_validation.auroc).toBeGreaterThan(0.8);
      expect(m.auroc_ci.lo).toBeLessThan(m.auroc);
      expect(m.auroc_ci.hi).toBeGreaterThan(m.auroc);
      expect(m.brier).toBeLessThan(0.2);
      expect(m.calibration.reduce((a, b) => a + b.n, 0)).toBe(332);
      expect(m.cross_validation.fold_auroc).toHaveLength(5);
    }
    console.log(figures.models.map((m) => `${m.model}: AUROC ${m.auroc.toFixed(3)} [${m.auroc_ci.lo.toFixed(3)}, ${m.auroc_ci.hi.toFixed(3)}], CV ${m.cross_validation.auroc.toFixed(3)}`).join('\n'));
  });

  it('fits the scaler inside each fold: every fit sees standardised training rows with mean 0 exactly', () => {
    const seen: number[][][] = [];
    const spy: ModelSpec<{ k: number }, { kind: 'logistic'; weights: number[] }> = {
      name: 'logistic_regression',
      grid: [{ k: 1 }, { k: 2 }],
      fit: (x, y) => {
        seen.push(x.map((r) => [...r]));
        return fitLogistic(x, y, { steps: 50 });
      },
      predict: predictLogistic,
    };
    evaluateModel(spy, rows, cvGridSearch, { folds: 3, seed: 1, resamples: 10 });
    // Holdout: 3 inner folds × 2 settings + 1 final; nested CV: 3 outer × (3 × 2 + 1).
    expect(seen).toHaveLength(7 + 3 * 7);
    for (const x of seen) {
      for (let j = 0; j < x[0]!.length; j++) expect(Math.abs(x.reduce((a, r) => a + r[j]!, 0) / x.length)).toBeLessThan(1e-9);
    }
    // A fold's rows are never all rows: no fit saw the held-out part.
    for (const x of seen) expect(x.length).toBeLessThan(rows.length);
  });

  it('the tuner scores every setting on folds whose training and held-out indices are disjoint', () => {
    const y = rows.map((r) => r.y);
    const folds = stratifiedKFold(y, 5, 9);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const rate = y.reduce<number>((a, v) => a + v, 0) / y.length;
    for (const f of folds) expect(Math.abs(f.reduce((a, i) => a + y[i]!, 0) / f.length - rate)).toBeLessThan(0.02);
    const calls: string[] = [];
    const res = cvGridSearch([1, 3, 2], folds, rows.length, (p, train, test) => {
      const held = new Set(test);
      expect(train.some((i) => held.has(i))).toBe(false);
      expect(train.length + test.length).toBe(rows.length);
      calls.push(`${p}`);
      return p === 3 ? 0.9 : 0.5;
    });
    expect(calls).toHaveLength(15);
    expect(res.best).toBe(3);
    expect(res.bestScore).toBeCloseTo(0.9, 12);
  });
});
