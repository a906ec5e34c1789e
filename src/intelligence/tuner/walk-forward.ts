/**
 * Walk-forward optimisation, pure. Windows: train on [trainStart, trainEnd), test on the next
 * `test` bars; rolling windows slide by `step`, anchored ones keep trainStart at 0. In each window
 * the parameter set with the best in-sample score is chosen and scored out of sample on the test
 * bars. A score is the annualised Sharpe of the strategy's daily returns: long/flat on one asset,
 * the signal of bar t's close held over t → t+1, a fee in bps on each change of position. The
 * strategy only ever sees bars ≤ t when deciding at t, so future bars cannot change a past decision.
 */
import { makeStrategy, type StrategyParams } from '../strategy-lab/strategies.js';

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

/** Positions (0 or 1) decided at each bar's close, from bars 0..t only. */
export function positions(strategy: string, params: StrategyParams, closes: ArrayLike<number>, upTo: number): Uint8Array {
  const s = makeStrategy(strategy, 1, params);
  const bar = new Float64Array(1);
  const pos = new Uint8Array(upTo);
  for (let t = 0; t < upTo; t++) {
    bar[0] = closes[t]!;
    s.onBar(bar);
    pos[t] = s.weights[0]! > 0 ? 1 : 0;
  }
  return pos;
}

/** Sharpe (annualised) of the strategy's returns over bars [start, end). */
export function score(strategy: string, params: StrategyParams, closes: ArrayLike<number>, start: number, end: number, feeBps: number, periods: number): number {
  const pos = positions(strategy, params, closes, end);
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let t = Math.max(1, start); t < end; t++) {
    const held = pos[t - 1]!;
    const change = held !== (t >= 2 ? pos[t - 2]! : 0) ? feeBps / 10_000 : 0;
    const r = held * (closes[t]! / closes[t - 1]! - 1) - change;
    sum += r;
    sq += r * r;
    n++;
  }
  if (n < 2) return 0;
  const m = sum / n;
  const sd = Math.sqrt(Math.max(0, (sq - n * m * m) / (n - 1)));
  return sd > 0 ? (m / sd) * Math.sqrt(periods) : 0;
}

export function parameterGrid(strategy: string): StrategyParams[] {
  if (strategy === 'sma-cross') {
    const out: StrategyParams[] = [];
    for (const fast of [5, 10, 15, 20, 30, 40, 50]) for (const slow of [20, 30, 50, 75, 100, 150, 200]) if (fast < slow) out.push({ fast, slow });
    return out;
  }
  if (strategy === 'momentum') return [10, 20, 40, 60, 90, 120, 180, 250].map((lookback) => ({ lookback }));
  throw new Error(`no parameter grid for ${strategy}`);
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
