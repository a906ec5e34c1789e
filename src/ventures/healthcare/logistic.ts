/**
 * Logistic regression on standardised features, fitted by ml-logistic-regression (mljs): batch
 * gradient ascent on the log-likelihood, which on standardised features converges to the maximum
 * likelihood estimate that R's glm() finds (checked in the tests against the README's reference).
 *
 * The library trains one-vs-all: its classifier 0 learns "class is not 0", which for labels 0/1 is
 * P(y = 1). The library sums the gradient over rows, so the step is 2/n: a step of 2 along the
 * *mean* gradient, below the stability bound 8/λmax of standardised features (λmax ≤ 4 here), for
 * any number of rows. 300 steps converge on the Pima data (the test checks the gradient vanishes).
 */
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';

export interface LogisticParams {
  steps: number;
}

export interface LogisticModel {
  kind: 'logistic';
  /** Intercept first, then one weight per (standardised) feature. */
  weights: number[];
}

const withIntercept = (rows: readonly (readonly number[])[]): Matrix => new Matrix(rows.map((r) => [1, ...r]));

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly (0 | 1)[], params: LogisticParams = { steps: 300 }): LogisticModel {
  if (!labels.includes(0) || !labels.includes(1)) throw new RangeError('fitLogistic needs both classes among the training labels');
  const lr = new LogisticRegression({ numSteps: params.steps, learningRate: 2 / rows.length });
  lr.train(withIntercept(rows), Matrix.columnVector(labels.slice()));
  const positive = lr.classifiers[0];
  if (!positive) throw new Error('ml-logistic-regression trained no classifier');
  return { kind: 'logistic', weights: positive.weights.to1DArray() };
}

/** P(y = 1) for each row: the logistic function of the linear predictor. */
export function predictLogistic(m: LogisticModel, rows: readonly (readonly number[])[]): number[] {
  return rows.map((r) => {
    let z = m.weights[0]!;
    for (let j = 0; j < r.length; j++) z += m.weights[j + 1]! * r[j]!;
    return 1 / (1 + Math.exp(-z));
  });
}
