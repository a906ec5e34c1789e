/**
 * The scheduled tuner's walk-forward port, backed by the backtest engine: daily bars up to the
 * run's market time, the tuner's grid search per window, and the parameters in force scored on the
 * same out-of-sample windows. In paper and live mode the bars come from the mode's market data port
 * (real history, `simulated: false`); a feed that cannot give enough history fails the run rather
 * than tune a live mesh on invented prices. In sim and backtest mode they are the simulator's (the
 * same seed as the mesh, so the same market), labelled simulated.
 */
import type { Config } from '../config/config.js';
import type { ExecutionSpec } from '../backtest/run.js';
import { MS } from '../core/clock.js';
import type { WalkForward } from '../core/tuning.js';
import type { MarketData } from '../core/market.js';
import { NeoLightError } from '../core/errors.js';

/** Daily closes and opens of one symbol from a market data port, as the engine's bar data (real history). */
export async function marketHistory(market: MarketData, symbol: string, from: number, to: number): Promise<{ data: { symbols: string[]; ts: Float64Array; open: Float64Array[]; close: Float64Array[] }; simulated: boolean }> {
  const bars = (await market.bars(symbol, from, to, MS.day)).filter((b) => b.ts <= to && Number.isFinite(b.close) && b.close > 0);
  if (bars.length < 2) throw new NeoLightError('NL_ERR_DATA', `tuner: the market data port gave ${bars.length} daily bar(s) of ${symbol} before ${new Date(to).toISOString()}; need history to tune on`);
  return { data: { symbols: [symbol], ts: Float64Array.from(bars.map((b) => b.ts)), open: [Float64Array.from(bars.map((b) => b.open))], close: [Float64Array.from(bars.map((b) => b.close))] }, simulated: market.simulated };
}

/** The engine is imported on the first run only: every agent gets this port, and only the tuner uses it. */
export function engineWalkForward(config: Config, history?: MarketData): WalkForward {
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
    // Real history when the mode has a market data port with it; the simulator's otherwise.
    const all = history && !history.simulated ? await marketHistory(history, req.symbol, from, req.toMs) : await loadBars({ symbols: [req.symbol], from, to: req.toMs, seed: config.seed, scenario: 'none' });
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
