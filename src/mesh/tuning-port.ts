/**
 * The scheduled tuner's walk-forward port, backed by the backtest engine: the simulator's daily
 * bars up to the run's market time (the same seed as the mesh, so the same market), the tuner's
 * grid search per window, and the parameters in force scored on the same out-of-sample windows.
 * The history is the simulator's in every mode (labelled simulated); live history is left for
 * `neolight tune --data`.
 */
import type { Config } from '../config/config.js';
import type { ExecutionSpec } from '../backtest/run.js';
import { MS } from '../core/clock.js';
import type { WalkForward } from '../core/tuning.js';

/** The engine is imported on the first run only: every agent gets this port, and only the tuner uses it. */
export function engineWalkForward(config: Config): WalkForward {
  return async (req) => {
    const [{ loadBars, periodsPerYear }, { engineScoring, sliceMarket }, { tune }, { walkForwardWindows }, { scoreAll }] = await Promise.all([
      import('../backtest/run.js'),
      import('../backtest/window-score.js'),
      import('../intelligence/tuner/tune.js'),
      import('../intelligence/tuner/walk-forward.js'),
      import('../intelligence/tuner/pool.js'),
    ]);
    // Trading days are ~252 of 365: fetch enough calendar days for `bars` bars, then keep the last ones.
    const from = req.toMs - Math.ceil((req.bars * 365) / 252 + 14) * MS.day;
    const all = await loadBars({ symbols: [req.symbol], from, to: req.toMs, seed: config.seed, scenario: 'none' });
    const n = all.data.ts.length;
    const market = n > req.bars ? sliceMarket(all, n - req.bars, n) : all;
    const bars = market.data.ts.length;
    const execution: ExecutionSpec = { fill: 'next-open', size: 'target', cash: config.startingEquity, seed: config.seed, scenario: 'none' };
    const scoring = engineScoring({ strategy: req.strategy, execution, market, periodsPerYear: periodsPerYear(market) });
    const report = await tune(scoring, { strategy: req.strategy, bars, train: req.train, test: req.test, step: req.test, anchored: false, workers: 1, ...(req.signal ? { signal: req.signal } : {}) });
    let currentOutOfSample: number | null = null;
    if (req.current) {
      const windows = walkForwardWindows({ n: bars, train: req.train, test: req.test, step: req.test, anchored: false });
      const scores = await scoreAll(scoring, windows.map((w) => ({ params: { ...req.current }, start: w.testStart, end: w.testEnd })), 1, undefined, req.signal);
      currentOutOfSample = scores.reduce((a, b) => a + b, 0) / scores.length;
    }
    return {
      candidate: { params: { ...report.params }, inSample: report.inSample, outOfSample: report.outOfSample, degradation: report.degradation, windows: report.windows.length },
      currentOutOfSample,
      simulated: market.simulated,
    };
  };
}
