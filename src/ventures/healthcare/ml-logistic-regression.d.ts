// Types for ml-logistic-regression 2.0.0 (mljs), which ships none: only what logistic.ts uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface TwoClassModel {
    weights: Matrix;
    /** P(class index != this classifier's class) for each row (the one-vs-all encoding). */
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: TwoClassModel[];
    numberClasses: number;
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
  }
}
