/**
 * The tuner's score of a parameter set over bars [start, end): the annualised Sharpe of the daily
 * equity of a backtest-engine run over exactly those bars, with the options `neolight backtest`
 * uses (engineOptions: fees, spread, slippage, risk checks, drawdown guard). The strategy first
 * sees the bars before `start` without trading, so a window's first decision is as informed as it
 * would be live; the VaR check sees the daily closes before `start` as its history. Nothing at or
 * after `end` is read, so future bars cannot change a past score.
 */
import { z } from 'zod';
import { NeoLightError } from '../core/errors.js';
import type { Job, Scoring } from '../intelligence/tuner/pool.js';
import { makeStrategy, type BarStrategy } from '../intelligence/strategy-lab/strategies.js';
import { tearsheet } from '../research/metrics.js';
import { runEngine, type BarData } from './engine.js';
import { priceAt, pricesSlice, type PriceColumn } from './prices.js';
import { dailyClosesBefore, dailyReturns, engineOptions, WARMUP_DAYS, type ExecutionSpec, type Market } from './run.js';

/** Everything a score needs; structured-cloneable, so worker threads receive it as workerData. */
export interface ScoreSetup {
  strategy: string;
  execution: ExecutionSpec;
  market: Market;
  periodsPerYear: number;
}

/** Bars [start, end) of a market, with the daily closes before `start` as the VaR check's history. */
export function sliceMarket(m: Market, start: number, end: number): Market {
  const d = m.data;
  const cut = (a: Float64Array): Float64Array => a.slice(start, end);
  const cutPrices = (c: PriceColumn): PriceColumn => pricesSlice(c, start, end);
  const data: BarData = { symbols: d.symbols, ts: cut(d.ts), open: d.open.map(cutPrices), close: d.close.map(cutPrices), ...(d.tradable ? { tradable: d.tradable.map((a) => a.slice(start, end)) } : {}) };
  if (start === 0) return { data, simulated: m.simulated, ...(m.warmup ? { warmup: m.warmup } : {}) };
  const warmup = d.close.map((c, j) => {
    const before = dailyClosesBefore(d.ts, c, start);
    const all = Float64Array.from([...(m.warmup?.[j] ?? []), ...before]);
    return all.slice(Math.max(0, all.length - WARMUP_DAYS));
  });
  return { data, simulated: m.simulated, warmup };
}

/**
 * The strategy after it has seen bars [0, upTo) without trading. Its first bar in the window
 * reports a change, so the engine takes the position the strategy already holds.
 */
function primed(strategy: BarStrategy, close: readonly PriceColumn[], upTo: number): BarStrategy {
  if (upTo === 0) return strategy;
  const bar = new Float64Array(close.length);
  for (let i = 0; i < upTo; i++) {
    for (let j = 0; j < close.length; j++) bar[j] = priceAt(close[j]!, i);
    strategy.onBar(bar);
  }
  let first = true;
  return {
    name: strategy.name,
    weights: strategy.weights,
    onBar(closes) {
      const changed = strategy.onBar(closes);
      if (!first) return changed;
      first = false;
      return true;
    },
  };
}

export async function scoreWindow(setup: ScoreSetup, job: Job): Promise<number> {
  const { market } = setup;
  if (!(Number.isInteger(job.start) && Number.isInteger(job.end) && job.start >= 0 && job.end <= market.data.ts.length && job.end - job.start >= 2)) {
    throw new NeoLightError('NL_ERR_INTERNAL', `window [${job.start}, ${job.end}) is not inside the ${market.data.ts.length} bars`);
  }
  const slice = sliceMarket(market, job.start, job.end);
  const strategy = primed(makeStrategy(setup.strategy, market.data.symbols.length, job.params), market.data.close, job.start);
  // When the engine becomes async this is `await runEngine(...)`.
  const result = runEngine(slice.data, engineOptions(setup.execution, slice, strategy));
  return tearsheet(dailyReturns(slice.data.ts, result.equity), setup.periodsPerYear).sharpe ?? 0;
}

/** The tuner's Scoring backed by the engine, inline and on worker threads (window-score-worker.ts). */
export function engineScoring(setup: ScoreSetup): Scoring {
  return { score: (job) => scoreWindow(setup, job), worker: { url: new URL('./window-score-worker.js', import.meta.url), data: setup } };
}

const f64 = z.instanceof(Float64Array);
const prices = z.union([f64, z.object({ units: z.instanceof(Uint32Array), divisor: z.number().positive(), length: z.number().int().min(0) })]);
/** workerData as engineScoring sends it (a structured clone keeps the typed arrays). */
export const scoreSetupSchema = z.object({
  strategy: z.string(),
  execution: z.object({ fill: z.enum(['next-open', 'close']), size: z.enum(['all-in', 'target']), cash: z.number().positive(), feesBps: z.number().min(0).optional(), seed: z.number().int(), scenario: z.enum(['none', 'crash']) }),
  market: z.object({
    data: z.object({ symbols: z.array(z.string()), ts: f64, open: z.array(prices), close: z.array(prices), tradable: z.array(z.instanceof(Uint8Array)).optional() }),
    simulated: z.boolean(),
    warmup: z.array(f64).optional(),
  }),
  periodsPerYear: z.number().positive(),
});

export const jobsSchema = z.array(z.object({ params: z.object({ fast: z.number().int().optional(), slow: z.number().int().optional(), lookback: z.number().int().optional(), rebalance: z.number().int().optional() }), start: z.number().int(), end: z.number().int() }));
