/** Worker thread of the tuner: scores each batch of jobs it is sent with the backtest engine (window-score.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { jobsSchema, scoreSetupSchema, scoreWindow } from './window-score.js';

const setup = scoreSetupSchema.parse(workerData);
parentPort?.on('message', (message: unknown) => {
  const jobs = jobsSchema.parse(message);
  void Promise.all(jobs.map((j) => scoreWindow(setup, j))).then((scores) => parentPort?.postMessage(scores));
});
