/**
 * Scoring jobs in parallel over worker threads (or inline with one worker). Jobs are split into
 * contiguous batches and results come back in job order, so the outcome is identical for any
 * number of workers. What a score is comes from the caller's `Scoring`: the tuner knows windows
 * and parameters, not how orders fill.
 */
import { Worker } from 'node:worker_threads';
import type { StrategyParams } from '../strategy-lab/strategies.js';

/** One evaluation: a parameter set over bars [start, end). */
export interface Job {
  params: StrategyParams;
  start: number;
  end: number;
}

export interface Scoring {
  /** Scores one job in this thread. */
  score: (job: Job) => Promise<number>;
  /**
   * A worker-thread module, started with `data` as its workerData, that answers each message (a
   * Job[]) with the number[] of their scores in the same order, computed as `score` would.
   */
  worker: { url: URL; data: unknown };
}

/** One turn of the event loop: timers and signal handlers run between inline jobs. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every job's score, in job order. With a `signal`, an abort is seen between jobs (inline) or
 * batches (workers) and the promise rejects with its reason: a stopping agent does not finish the run.
 */
export async function scoreAll(scoring: Scoring, jobs: readonly Job[], workers: number, onDone?: (n: number) => void, signal?: AbortSignal): Promise<number[]> {
  if (workers <= 1 || jobs.length < 8) {
    const out: number[] = [];
    for (const j of jobs) {
      if (signal) {
        await yieldToLoop();
        signal.throwIfAborted();
      }
      out.push(await scoring.score(j));
      onDone?.(out.length);
    }
    return out;
  }
  const size = Math.ceil(jobs.length / (workers * 4));
  const batches: Job[][] = [];
  for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
  const results: number[][] = new Array(batches.length);
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(scoring.worker.url, { workerData: scoring.worker.data }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (signal?.aborted) return reject(signal.reason as Error);
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
