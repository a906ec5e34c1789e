/**
 * `backtest`'s risk-layer-free comparison in target mode: the same run without the drawdown guard
 * and the order-level VaR check, to show what the risk layer cost or saved. It does not depend on
 * the main run, so on a large market it runs on a worker thread (comparison-worker.ts) beside it:
 * the second core does one run while the first does the other. The worker reads the market's
 * columns in shared memory (shared-columns.ts) and sends back only the figures (figures.ts
 * `Comparison`). A small market runs inline first, as before: there a worker's start (loading the
 * engine's modules, ~0.15 s) would cost more than the run.
 */
import { Worker } from 'node:worker_threads';
import { NeoLightError } from '../core/errors.js';
import { comparisonOf, type Comparison } from './figures.js';
import { isScaled, type PriceColumn } from './prices.js';
import { runBacktest, type BacktestSpec, type Market } from './run.js';
import { sharedCopy } from './shared-columns.js';

/**
 * Bars × symbols from which the comparison runs on a worker thread. Measured on nine minute-bar
 * pairs (2-core machine, three runs each): at 0.54 M the worker was ~7 % slower than inline (its
 * start and the two threads' contention outweigh the run), at 1.8 M ~4 % faster, at 3.6 M ~10 %,
 * at 9 M ~18 %; each time ~20 MB more peak memory.
 */
export const WORKER_MIN_ASSET_BARS = 2_000_000;

/** What the worker is handed (structured-cloned: the columns are shared, not copied). */
export interface ComparisonJob {
  spec: Omit<BacktestSpec, 'onProgress'>;
  market: Market;
  /** Shared Int32 counter of the worker's bars done, or absent when nobody shows progress. */
  progress?: SharedArrayBuffer;
}

export interface ComparisonRun {
  /** The market the main run should read: the shared one the worker reads too. */
  market: Market;
  /** Bars the comparison has run so far (all of them once `result` has settled). */
  done(): number;
  result: Promise<Comparison>;
}

/** The comparison's spec: the run's own without the risk layer, fill rows or progress callback. */
export function comparisonSpec(spec: BacktestSpec): Omit<BacktestSpec, 'onProgress'> {
  const { onProgress: _progress, ...rest } = spec;
  return { ...rest, riskLayer: false, fillRows: false };
}

const sharedPrices = (c: PriceColumn): PriceColumn => (isScaled(c) ? { units: sharedCopy(c.units), divisor: c.divisor, length: c.length } : sharedCopy(c));

/** The market with every column in shared memory (those already there are not copied). */
export function shareMarket(m: Market): Market {
  const d = m.data;
  const data = { symbols: d.symbols, ts: sharedCopy(d.ts), open: d.open.map(sharedPrices), close: d.close.map(sharedPrices), ...(d.tradable ? { tradable: d.tradable.map(sharedCopy) } : {}) };
  return { data, simulated: m.simulated, ...(m.warmup ? { warmup: m.warmup.map(sharedCopy) } : {}) };
}

/**
 * Starts the comparison of `spec` on `market`, on a worker thread from `workerFrom` bars × symbols.
 * `onProgress` (bars done) is called as the inline run goes; for a worker, `done()` reads its
 * progress. Inline, the run is over when this returns.
 */
export function startComparison(spec: BacktestSpec, market: Market, onProgress?: (done: number) => void, workerFrom = WORKER_MIN_ASSET_BARS): ComparisonRun {
  const bars = market.data.ts.length;
  if (bars * market.data.symbols.length < workerFrom) {
    // runBacktest on a loaded market runs to its end before it returns its promise.
    const result = runBacktest({ ...comparisonSpec(spec), ...(onProgress ? { onProgress } : {}) }, market).then(comparisonOf);
    return { market, done: () => bars, result: awaited(result) };
  }
  const shared = shareMarket(market);
  const counter = onProgress ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const job: ComparisonJob = { spec: comparisonSpec(spec), market: shared, ...(counter ? { progress: counter.buffer as SharedArrayBuffer } : {}) };
  const worker = new Worker(new URL('./comparison-worker.js', import.meta.url), { workerData: job });
  const result = new Promise<Comparison>((resolve, reject) => {
    worker.once('message', (c: Comparison) => resolve(c));
    worker.once('error', (err) => reject(new NeoLightError('NL_ERR_INTERNAL', `the risk-layer-free comparison run failed: ${err.message}`, {}, { cause: err })));
    worker.once('exit', (code) => reject(new NeoLightError('NL_ERR_INTERNAL', `the risk-layer-free comparison run's thread ended (exit code ${code}) without its figures`)));
  }).finally(() => void worker.terminate());
  return { market: shared, done: () => (counter ? Atomics.load(counter, 0) : 0), result: awaited(result) };
}

/**
 * `p`, marked as handled: the caller awaits it only after its own run, and a failure before that
 * would otherwise end the process as an unhandled rejection instead of reaching the caller.
 */
function awaited<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
