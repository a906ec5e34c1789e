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
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { describeError, NeoLightError } from '../core/errors.js';
import { CALIBRATION } from './calibration.js';
import { CsvReader, type ColumnPool, type CsvHistory, type CsvOptions, type OpenCloseHistory } from './csv-reader.js';
import { isOpen } from './calendar.js';
import { instrument, isUniverseSymbol } from './instruments.js';
import type { Bar, MarketData, Quote } from '../core/market.js';

export type { ColumnPool, CsvHistory, CsvOptions, OpenCloseHistory } from './csv-reader.js';
export { releaseColumnPool } from './csv-reader.js';
export { MAX_PRICE, parseTime } from './csv-reader.js';

/** Parse CSV text into columns; throws NL_ERR_DATA naming the line of the first problem. */
export function parseCsvHistory(text: string, opts: CsvOptions): CsvHistory {
  const reader = new CsvReader(opts, 0);
  const bytes = Buffer.from(text, 'utf8');
  reader.feed(bytes, bytes.length, true);
  return reader.end();
}

const CHUNK = 1 << 20;
/** Reads between two yields to the event loop (a large file does not hold it for its whole parse). */
const YIELD_EVERY = 16;

/**
 * Read and parse a CSV file in 1 MB reads (the I/O edge of this module): the text is never held
 * whole; the unfinished last line of each read moves to the front of the buffer and the next read
 * lands after it. The reads are synchronous, with a yield to the event loop every 16 MB: a
 * 45 MB, 1,000,000-row file parsed in 160–175 ms this way against 270–350 ms with an awaited
 * read per chunk (cold process, idle machine; docs/backtest.md). Reading the far half on a worker
 * thread was tried and dropped: it saved at most ~50 ms there, and on Node 20 a worker at exit
 * deadlocked about once in twenty runs (a background compile job waiting for a GC on the worker's
 * isolate while that thread waited for the job).
 */
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source' | 'columns'> & { symbol: string; columns?: 'all' }, pool?: ColumnPool): Promise<CsvHistory>;
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source'> & { symbol: string }, pool?: ColumnPool): Promise<OpenCloseHistory>;
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source'> & { symbol: string }, pool?: ColumnPool): Promise<CsvHistory> {
  const cannot = (err: unknown): NeoLightError => new NeoLightError('NL_ERR_DATA', `cannot read CSV file ${path}: ${describeError(err)}`, { path }, { cause: err });
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw cannot(err);
  }
  try {
    try {
      size = fstatSync(fd).size;
    } catch (err) {
      throw cannot(err);
    }
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = 0;
    let pos = 0;
    let reader: CsvReader | undefined;
    for (let reads = 1; ; reads++) {
      // A line longer than the buffer: grow it.
      if (len === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      let got: number;
      try {
        got = readSync(fd, buf, len, buf.length - len, pos);
      } catch (err) {
        throw cannot(err);
      }
      pos += got;
      len += got;
      if (!reader) {
        let rows: number;
        try {
          rows = estimateRows(fd, size, buf, len);
        } catch (err) {
          throw cannot(err);
        }
        reader = new CsvReader({ ...opts, source: path }, rows, pool);
      }
      const rest = reader.feed(buf, len, got === 0);
      if (got === 0) break;
      buf.copyWithin(0, rest, len);
      len -= rest;
      if (reads % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return reader.end();
  } finally {
    closeSync(fd);
  }
}

const SAMPLE = 1 << 14;

/**
 * Rows of a file of `size` bytes, from the line length of 16 KB samples at its start, a quarter,
 * half and three quarters in (lines grow or shrink along a file as prices do), with 10 % to spare,
 * so the columns rarely grow. Counting the first 1 MB read's lines instead took 15-30 ms.
 */
function estimateRows(fd: number, size: number, first: Buffer, firstLen: number): number {
  if (size <= firstLen) return countLines(first, firstLen);
  const sample = Buffer.allocUnsafe(SAMPLE);
  let bytes = 0;
  let lines = 0;
  for (const at of [0, 0.25, 0.5, 0.75]) {
    const got = at === 0 ? Math.min(firstLen, SAMPLE) : readSync(fd, sample, 0, SAMPLE, Math.floor(size * at));
    bytes += got;
    lines += countLines(at === 0 ? first : sample, got);
  }
  return Math.ceil((size / Math.max(1, bytes / Math.max(1, lines))) * 1.1);
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
