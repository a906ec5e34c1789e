/**
 * OHLCV history from CSV, in the common layouts: Yahoo exports (Date,Open,High,Low,Close,
 * Adj Close,Volume), ccxt/freqtrade dumps (timestamp,open,high,low,close,volume), any letter case,
 * with or without a header, comma or semicolon separated. Times may be ISO dates or date-times
 * (UTC unless they carry a zone), unix seconds or unix milliseconds; a BOM and CRLF line ends are
 * fine. Every non-blank row is used or the file is refused: a bad row fails with NL_ERR_DATA naming
 * the file, line, column and reason, never skipped. Prices must be finite, > 0 and < MAX_PRICE
 * (a zero or absurd price would pass through sizing as a free or infinite asset); high >= low;
 * volume finite and >= 0; times strictly increasing. The result is columnar, plus a MarketData adapter.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describeError, NeoLightError } from '../core/errors.js';
import { CALIBRATION } from './calibration.js';
import { CsvReader, firstLineOf, sniffLayout, type CsvHistory, type CsvLayout, type CsvOptions } from './csv-reader.js';
import type { PartJob, PartResult } from './csv-worker.js';
import { isOpen } from './calendar.js';
import { instrument, isUniverseSymbol } from './instruments.js';
import type { Bar, MarketData, Quote } from '../core/market.js';

export type { CsvHistory, CsvOptions } from './csv-reader.js';
export { MAX_PRICE, parseTime } from './csv-reader.js';

/** Parse CSV text into columns; throws NL_ERR_DATA naming the line of the first problem. */
export function parseCsvHistory(text: string, opts: CsvOptions): CsvHistory {
  const reader = new CsvReader(opts, 0);
  const bytes = Buffer.from(text, 'utf8');
  reader.feed(bytes, bytes.length, true);
  return reader.end();
}

const CHUNK = 1 << 20;

/**
 * Files from this size on are read by two threads (below it a worker's start-up, ~20–40 ms, costs
 * more than it saves; measured in docs/backtest.md).
 */
export const PARALLEL_MIN_BYTES = 8 << 20;

/**
 * The share of the file the main thread reads: a little more than half, as the worker starts
 * later (its thread and modules load while the main thread reads).
 */
export const MAIN_SHARE = 0.54;

export interface LoadTuning {
  /** Read with a worker thread from this file size on (default PARALLEL_MIN_BYTES; Infinity: never). */
  parallelMinBytes?: number;
  /** Told where the file was cut and whether the worker's columns were used (tests and the bench look). */
  onSplit?: (at: number, workerColumnsUsed: boolean) => void;
}

/**
 * Read and parse a CSV file in 1 MB reads (the I/O edge of this module): the text is never held
 * whole; the unfinished last line of each read moves to the front of the buffer and the next read
 * lands after it. A large file is cut at a line end a little past its middle: a worker thread
 * (csv-worker.ts) reads the second part while this thread reads the first, and the second part's
 * columns are appended to the first's. Results and errors are those of one reader over the whole
 * file: when the worker finds any problem, or the parts' times do not follow on, this thread reads
 * the second part itself, so the error names the right line.
 */
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source'> & { symbol: string }, tuning: LoadTuning = {}): Promise<CsvHistory> {
  const cannot = (err: unknown): NeoLightError => new NeoLightError('NL_ERR_DATA', `cannot read CSV file ${path}: ${describeError(err)}`, { path }, { cause: err });
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw cannot(err);
  }
  const read = async (buf: Buffer, at: number, n: number, pos: number | null): Promise<number> => {
    try {
      return (await fh.read(buf, at, n, pos)).bytesRead;
    } catch (err) {
      throw cannot(err);
    }
  };
  let worker: Worker | undefined;
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = await read(buf, 0, CHUNK, null);
    let pos = len;
    // Rows are estimated from the first read's line length, so the columns rarely grow.
    const lineBytes = len / Math.max(1, countLines(buf, len));
    const split = size >= (tuning.parallelMinBytes ?? PARALLEL_MIN_BYTES) && availableParallelism() > 1 ? await splitPoint(buf, len, size, read) : undefined;
    let part: Promise<PartResult> | undefined;
    if (split) {
      const job: PartJob = { path, from: split.at, to: size, layout: split.layout, symbol: opts.symbol, adjusted: opts.adjusted ?? false, expectedRows: Math.ceil(((size - split.at) / split.lineBytes) * 1.05) };
      const w = new Worker(workerFile(), { workerData: job });
      worker = w;
      // Settled when the worker has exited, not at its message: a process that ends while a
      // worker is still tearing down (or a terminate() racing that) was seen to hang at exit.
      part = new Promise<PartResult>((resolve) => {
        let result: PartResult | undefined;
        w.once('message', (m: PartResult) => (result = m));
        w.once('error', (err) => (result ??= { ok: false, message: err.message }));
        w.once('exit', (code) => {
          worker = undefined;
          resolve(result ?? { ok: false, message: `the CSV worker exited with code ${code}` });
        });
      });
    }
    const end = split ? split.at : size;
    const reader = new CsvReader({ ...opts, source: path }, Math.ceil(((split ? size : end) / (split?.lineBytes ?? lineBytes)) * 1.05));
    // The first part: up to the split (its last line is complete there), or the whole file.
    const readTo = async (stop: number): Promise<void> => {
      for (;;) {
        // A line longer than the buffer: grow it.
        if (len === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
        const got = pos < stop ? await read(buf, len, Math.min(buf.length - len, stop - pos), pos) : 0;
        pos += got;
        len += got;
        const final = got === 0 && stop === size;
        const rest = reader.feed(buf, len, final);
        buf.copyWithin(0, rest, len);
        len -= rest;
        if (got === 0) return;
      }
    };
    await readTo(end);
    if (part) {
      const r = await part;
      const used = r.ok && (r.columns[0]!.length === 0 || reader.rows === 0 || r.columns[0]![0]! > reader.lastTime);
      tuning.onSplit?.(end, used);
      if (used) reader.append(r.columns);
      else await readTo(size);
    }
    return reader.end();
  } finally {
    // Still running only when this thread failed first (a bad row before the cut).
    if (worker) void worker.terminate();
    await fh.close();
  }
}

/**
 * Where the worker's part starts: just after the first line end at or past MAIN_SHARE of the file,
 * with the layout from the file's first non-blank line. Undefined (one thread reads it all) when
 * the first read holds no complete first line or no line ends near the cut.
 */
async function splitPoint(
  head: Buffer,
  headLen: number,
  size: number,
  read: (buf: Buffer, at: number, n: number, pos: number) => Promise<number>,
): Promise<{ at: number; layout: CsvLayout; lineBytes: number } | undefined> {
  const first = firstLineOf(head, headLen);
  if (!first) return undefined;
  let layout: CsvLayout;
  try {
    layout = sniffLayout(first.text, first.lineNo, '');
  } catch {
    return undefined; // a bad header: the one-thread read reports it
  }
  const cut = Math.max(headLen, Math.floor(size * MAIN_SHARE));
  const window = Buffer.allocUnsafe(1 << 16);
  const got = await read(window, 0, window.length, cut);
  const nl = window.indexOf(0x0a);
  if (nl < 0 || nl >= got || cut + nl + 1 >= size) return undefined;
  // The line length near the cut as well as at the start, for the columns' size.
  const lines = countLines(head, headLen) + countLines(window, got);
  return { at: cut + nl + 1, layout, lineBytes: (headLen + got) / Math.max(1, lines) };
}

/** The worker's file beside this one; under vitest (TypeScript sources) the built one in dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here.replace(/csv-history\.js$/, 'csv-worker.js');
  const built = fileURLToPath(new URL('../../dist/market/csv-worker.js', import.meta.url));
  if (!existsSync(built)) throw new NeoLightError('NL_ERR_INTERNAL', `the CSV worker is not built (${built}); run npm run build`);
  return built;
}

function countLines(buf: Uint8Array, n: number): number {
  let k = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < n; i = buf.indexOf(0x0a, i + 1)) k++;
  return k;
}

/** Index of the last bar with ts <= t, or -1. */
function lastAtOrBefore(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * MarketData over loaded histories. A quote at t is the close of the last bar at or before t;
 * bid/ask straddle it by the instrument's normal calibrated spread (0 for symbols outside the
 * universe) because a bar file carries no quotes. bars() re-buckets into `intervalMs` from `fromMs`.
 */
export function csvMarketData(histories: readonly CsvHistory[]): MarketData {
  const bySymbol = new Map(histories.map((h) => [h.symbol, h]));
  const get = (symbol: string): CsvHistory => {
    const h = bySymbol.get(symbol);
    if (!h) throw new NeoLightError('NL_ERR_BAD_INPUT', `no CSV history for "${symbol}"; loaded: ${[...bySymbol.keys()].join(', ')}`, { field: 'symbol', value: symbol });
    return h;
  };
  return {
    simulated: false,
    quote: async (symbol, ts): Promise<Quote> => {
      const h = get(symbol);
      const i = lastAtOrBefore(h.ts, ts);
      if (i < 0) throw new NeoLightError('NL_ERR_NOT_FOUND', `no ${symbol} bar at or before ${new Date(ts).toISOString()}; history starts ${new Date(h.ts[0] ?? 0).toISOString()}`);
      const last = h.close[i] as number;
      const half = isUniverseSymbol(symbol) ? CALIBRATION[symbol].spreadBps / 20_000 : 0;
      const open = isUniverseSymbol(symbol) ? isOpen(instrument(symbol).calendar, ts) : true;
      return { symbol, ts, bid: last * (1 - half), ask: last * (1 + half), last, volume: h.volume[i] as number, open };
    },
    bars: async (symbol, fromMs, toMs, intervalMs): Promise<Bar[]> => {
      if (!(intervalMs > 0)) throw new NeoLightError('NL_ERR_BAD_INPUT', `bar interval ${intervalMs} must be > 0 ms`, { field: 'intervalMs', value: intervalMs });
      const h = get(symbol);
      const out: Bar[] = [];
      let cur: { ts: number; open: number; high: number; low: number; close: number; volume: number } | null = null;
      for (let i = Math.max(0, lastAtOrBefore(h.ts, fromMs - 1) + 1); i < h.ts.length && (h.ts[i] as number) < toMs; i++) {
        const bucket = fromMs + Math.floor(((h.ts[i] as number) - fromMs) / intervalMs) * intervalMs;
        if (!cur || cur.ts !== bucket) {
          if (cur) out.push(cur);
          cur = { ts: bucket, open: h.open[i] as number, high: h.high[i] as number, low: h.low[i] as number, close: h.close[i] as number, volume: h.volume[i] as number };
        } else {
          cur.high = Math.max(cur.high, h.high[i] as number);
          cur.low = Math.min(cur.low, h.low[i] as number);
          cur.close = h.close[i] as number;
          cur.volume += h.volume[i] as number;
        }
      }
      if (cur) out.push(cur);
      return out;
    },
  };
}
