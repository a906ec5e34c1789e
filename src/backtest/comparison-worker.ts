/** Worker thread of `backtest`'s risk-layer-free comparison (comparison.ts): runs it on the shared market it is handed and posts its figures. */
import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { ComparisonJob } from './comparison.js';

// Setting up this thread's heap put V8's young-generation growth factor, a process-wide flag, back
// to its default: set it again as `backtest` did (commands/backtest.ts), before this thread loads
// anything, or the main thread's young generation grows to 32 MB during its run (nine pairs of a
// million minute bars: peak RSS ~300 MB instead of ~245 MB).
setFlagsFromString('--semi-space-growth-factor=1');
const { comparisonOf } = await import('./figures.js');
const { runBacktest } = await import('./run.js');

const job = workerData as ComparisonJob;
const counter = job.progress ? new Int32Array(job.progress) : undefined;
const out = await runBacktest({ ...job.spec, ...(counter ? { onProgress: (done: number) => Atomics.store(counter, 0, done) } : {}) }, job.market);
const c = comparisonOf(out);
if (counter) Atomics.store(counter, 0, job.market.data.ts.length);
// The daily columns are this thread's own: handed over, not copied (a view's whole buffer goes).
parentPort!.postMessage(c, [...new Set([c.days.day.buffer, c.days.value.buffer])] as ArrayBuffer[]);
