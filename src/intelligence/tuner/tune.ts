/**
 * The tuner's run: walk-forward windows over one asset's bars, a grid search in sample, the
 * winner scored out of sample, the in/out-of-sample degradation, and a sensitivity table of the
 * final parameters under ±10 % and ±20 % perturbation (scored on the whole series).
 */
import type { StrategyParams } from '../strategy-lab/strategies.js';
import { scoreAll, type Job, type Scoring } from './pool.js';
import { parameterGrid, perturbations, walkForwardWindows, type Window } from './walk-forward.js';

export interface TuneSpec {
  strategy: string;
  /** Number of bars the windows divide. */
  bars: number;
  train: number;
  test: number;
  step: number;
  anchored: boolean;
  workers: number;
  /** Aborts the run between scoring jobs (see scoreAll). */
  signal?: AbortSignal;
}

export interface WindowResult extends Window {
  params: StrategyParams;
  inSample: number;
  outOfSample: number;
}

export interface TuneReport {
  strategy: string;
  windows: WindowResult[];
  params: StrategyParams;
  inSample: number;
  outOfSample: number;
  degradation: number;
  sensitivity: { label: string; params: StrategyParams; score: number }[];
  baseScore: number;
}

const avg = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function tune(scoring: Scoring, spec: TuneSpec, onProgress?: (done: number, total: number) => void): Promise<TuneReport> {
  const grid = parameterGrid(spec.strategy);
  const windows = walkForwardWindows({ n: spec.bars, train: spec.train, test: spec.test, step: spec.step, anchored: spec.anchored });
  if (windows.length === 0) throw new RangeError(`not enough bars (${spec.bars}) for one window of train ${spec.train} + test ${spec.test}`);
  const inJobs: Job[] = windows.flatMap((w) => grid.map((params) => ({ params, start: w.trainStart, end: w.trainEnd })));
  const total = inJobs.length + windows.length + 1 + 8;
  const inScores = await scoreAll(scoring, inJobs, spec.workers, (d) => onProgress?.(d, total), spec.signal);
  const best = windows.map((_, k) => {
    let bi = 0;
    for (let g = 1; g < grid.length; g++) if (inScores[k * grid.length + g]! > inScores[k * grid.length + bi]!) bi = g;
    return { params: grid[bi]!, inSample: inScores[k * grid.length + bi]! };
  });
  const outScores = await scoreAll(scoring, windows.map((w, k) => ({ params: best[k]!.params, start: w.testStart, end: w.testEnd })), spec.workers, undefined, spec.signal);
  onProgress?.(inJobs.length + windows.length, total);
  const results: WindowResult[] = windows.map((w, k) => ({ ...w, params: best[k]!.params, inSample: best[k]!.inSample, outOfSample: outScores[k]! }));
  // The parameters to deploy: the most recent window's choice (trained on the latest data).
  const params = results[results.length - 1]!.params;
  const pert = perturbations(params);
  const sens = await scoreAll(scoring, [{ params, start: 0, end: spec.bars }, ...pert.map((p) => ({ params: p.params, start: 0, end: spec.bars }))], 1, undefined, spec.signal);
  onProgress?.(total, total);
  const inSample = avg(results.map((r) => r.inSample));
  const outOfSample = avg(results.map((r) => r.outOfSample));
  return {
    strategy: spec.strategy,
    windows: results,
    params,
    inSample,
    outOfSample,
    degradation: inSample - outOfSample,
    baseScore: sens[0]!,
    sensitivity: pert.map((p, i) => ({ ...p, score: sens[i + 1]! })),
  };
}
