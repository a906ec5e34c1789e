/** Worker thread of the tuner: scores a batch of (params, range) jobs over the closes it was sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { score } from './walk-forward.js';
import type { Job } from './pool.js';

const data = workerData as { closes: Float64Array; strategy: string; feeBps: number; periods: number };
parentPort?.on('message', (jobs: Job[]) => {
  parentPort?.postMessage(jobs.map((j) => score(data.strategy, j.params, data.closes, j.start, j.end, data.feeBps, data.periods)));
});
