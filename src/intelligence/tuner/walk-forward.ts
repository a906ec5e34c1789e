/**
 * Walk-forward optimisation's parameter search, pure. Windows: train on [trainStart, trainEnd),
 * test on the next `test` bars; rolling windows slide by `step`, anchored ones keep trainStart at
 * 0. In each window the parameter set of the grid with the best in-sample score is chosen and
 * scored out of sample on the test bars. How a window is scored is not decided here: the
 * composition root supplies it (the backtest engine, src/backtest/window-score.ts), so parameters
 * are tuned under the execution model they trade under.
 */
import { NeoLightError } from '../../core/errors.js';
import type { StrategyParams } from '../strategy-lab/strategies.js';

export interface Window {
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

export function walkForwardWindows(o: { n: number; train: number; test: number; step: number; anchored: boolean }): Window[] {
  const out: Window[] = [];
  for (let trainEnd = o.train; trainEnd + o.test <= o.n; trainEnd += o.step) {
    out.push({ trainStart: o.anchored ? 0 : trainEnd - o.train, trainEnd, testStart: trainEnd, testEnd: trainEnd + o.test });
  }
  return out;
}

export function parameterGrid(strategy: string): StrategyParams[] {
  if (strategy === 'sma-cross') {
    const out: StrategyParams[] = [];
    for (const fast of [5, 10, 15, 20, 30, 40, 50]) for (const slow of [20, 30, 50, 75, 100, 150, 200]) if (fast < slow) out.push({ fast, slow });
    return out;
  }
  if (strategy === 'momentum') return [10, 20, 40, 60, 90, 120, 180, 250].map((lookback) => ({ lookback }));
  throw new NeoLightError('NL_ERR_BAD_FLAG', `--strategy "${strategy}" has no parameter grid: expected sma-cross or momentum`);
}

/** The parameter sets at ±10 % and ±20 % of each parameter (whole numbers, sma fast < slow kept). */
export function perturbations(params: StrategyParams): { label: string; params: StrategyParams }[] {
  const out: { label: string; params: StrategyParams }[] = [];
  for (const [k, v] of Object.entries(params) as [keyof StrategyParams, number][]) {
    for (const f of [-0.2, -0.1, 0.1, 0.2]) {
      const p = { ...params, [k]: Math.max(2, Math.round(v * (1 + f))) };
      if (p.fast !== undefined && p.slow !== undefined && p.fast >= p.slow) continue;
      out.push({ label: `${k} ${f > 0 ? '+' : ''}${Math.round(f * 100)}%`, params: p });
    }
  }
  return out;
}
