/**
 * Scoring jobs in parallel over worker threads (or inline with one worker). Jobs are split into
 * contiguous batches and results come back in job order, so the outcome is identical for any
 * number of workers.
 */
import { Worker } from 'node:worker_threads';
import type { StrategyParams } from '../strategy-lab/strategies.js';
import { score } from './walk-forward.js';

export interface Job {
  params: StrategyParams;
  start: number;
  end: number;
}

export interface ScoreContext {
  closes: Float64Array;
  strategy: string;
  feeBps: number;
  periods: number;
}

export async function scoreAll(ctx: ScoreContext, jobs: readonly Job[], workers: number, onDone?: (n: number) => void): Promise<number[]> {
  if (workers <= 1 || jobs.length < 8) {
    return jobs.map((j, i) => {
      const s = score(ctx.strategy, j.params, ctx.closes, j.start, j.end, ctx.feeBps, ctx.periods);
      onDone?.(i + 1);
      return s;
    });
  }
  const size = Math.ceil(jobs.length / (workers * 4));
  const batches: Job[][] = [];
  for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
  const results: number[][] = new Array(batches.length);
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: ctx }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= batches.length) return resolve();
              const k = next++;
              w.once('message', (r: number[]) => {
                results[k] = r;
                done += r.length;
                onDone?.(done);
                feed();
              });
              w.postMessage(batches[k]);
            };
            w.once('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results.flat();
}
