/**
 * Several history files (one per symbol, e.g. a freqtrade data dir's pairs) as one bar grid for the
 * engine. Files are read one at a time and only their time, open and close columns are kept, so
 * high, low and volume are freed as soon as each is parsed, and open and close are kept compactly
 * where that is exact (prices.ts: 4 bytes a bar for short decimals); when every file has the same times
 * (the usual case for pairs downloaded together) the grid is one shared time column and nothing is
 * copied. Otherwise the grid is the union of the files' times over the span all of them cover (from
 * the latest first bar to the earliest last bar): a symbol without a bar at a grid time carries
 * its last close forward (open = close = that close) and is marked not tradable there, so an
 * order for it waits for its next bar, as for a closed market.
 */
import { NeoLightError } from '../core/errors.js';
import { loadHistoryFile } from '../market/data/history-file.js';
import { compactPrices, isScaled, priceAt, type PriceColumn } from './prices.js';
import { releaseColumnPool, type ColumnPool } from '../market/csv-history.js';
import { sharedCopy } from './shared-columns.js';

export interface Columns {
  ts: Float64Array;
  open: PriceColumn[];
  close: PriceColumn[];
  /** Absent when every symbol has a bar at every grid time. */
  tradable?: Uint8Array[];
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorted union of the times of every series within [from, to]. */
function unionTimes(series: readonly Float64Array[], from: number, to: number): Float64Array {
  const at = series.map((ts) => {
    let k = 0;
    while (k < ts.length && ts[k]! < from) k++;
    return k;
  });
  const out: number[] = [];
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    for (let j = 0; j < series.length; j++) if (at[j]! < series[j]!.length && series[j]![at[j]!]! < next) next = series[j]![at[j]!]!;
    if (!(next <= to)) break;
    out.push(next);
    for (let j = 0; j < series.length; j++) if (at[j]! < series[j]!.length && series[j]![at[j]!] === next) at[j]!++;
  }
  return Float64Array.from(out);
}

/** One symbol's open and close on the grid, its last close carried over grid times it has no bar at. */
function align(grid: Float64Array, ts: Float64Array, open: PriceColumn, close: PriceColumn): { open: PriceColumn; close: PriceColumn; tradable: Uint8Array } {
  const o = new Float64Array(grid.length);
  const c = new Float64Array(grid.length);
  const t = new Uint8Array(grid.length);
  let k = 0;
  while (k < ts.length && ts[k]! < grid[0]!) k++;
  let last = k > 0 ? priceAt(close, k - 1) : priceAt(open, k);
  for (let i = 0; i < grid.length; i++) {
    if (k < ts.length && ts[k] === grid[i]) {
      o[i] = priceAt(open, k);
      c[i] = last = priceAt(close, k);
      t[i] = 1;
      k++;
    } else o[i] = c[i] = last;
  }
  // Carried closes are the file's own values, so the aligned columns compact as the file's did.
  return { open: compactPrices(o), close: compactPrices(c), tradable: t };
}

/** One file's columns as the grid keeps them; `ts` omitted when it equals `firstTs`. */
export interface FileColumns {
  ts?: Float64Array;
  open: PriceColumn;
  close: PriceColumn;
}

/**
 * Reads one file and keeps only what the grid needs, in shared memory (shared-columns.ts). With a
 * `pool` the file is read into columns the next file reuses, so what is kept is copied out (scaled
 * prices are shared copies already).
 */
export async function loadFileCompact(file: string, symbol: string, firstTs: Float64Array | undefined, pool?: ColumnPool): Promise<FileColumns> {
  const h = await loadHistoryFile(file, { symbol, columns: 'open-close' }, pool);
  const own = (c: PriceColumn): PriceColumn => (isScaled(c) ? c : sharedCopy(c));
  return { ...(firstTs && sameTimes(firstTs, h.ts) ? {} : { ts: sharedCopy(h.ts) }), open: own(compactPrices(h.open)), close: own(compactPrices(h.close)) };
}

/** Reads `files[j]` as `symbols[j]` and puts them on one grid. */
export async function loadFileColumns(files: readonly string[], symbols: readonly string[]): Promise<Columns> {
  const ts: Float64Array[] = [];
  const open: PriceColumn[] = [];
  const close: PriceColumn[] = [];
  // One set of reading columns for every file: each file's six 8-byte columns would otherwise be
  // garbage the collector frees late, ~50 MB a million-row file.
  const pool: ColumnPool = {};
  try {
    for (let j = 0; j < files.length; j++) {
      const c = await loadFileCompact(files[j]!, symbols[j]!, ts[0], pool);
      // Share the first file's time column when the times are the same.
      ts.push(c.ts ?? ts[0]!);
      open.push(c.open);
      close.push(c.close);
    }
  } finally {
    // What is kept was copied out of the pool: free its ~50 MB now rather than at a major GC.
    releaseColumnPool(pool);
  }
  if (ts.every((t) => t === ts[0])) return { ts: ts[0]!, open, close };
  const from = Math.max(...ts.map((t) => t[0]!));
  const to = Math.min(...ts.map((t) => t[t.length - 1]!));
  if (!(to > from)) {
    const spans = files.map((f, j) => `${symbols[j]} ${new Date(ts[j]![0]!).toISOString()} to ${new Date(ts[j]![ts[j]!.length - 1]!).toISOString()}`);
    throw new NeoLightError('NL_ERR_DATA', `the files share no period: ${spans.join('; ')}`, { files: [...files] });
  }
  const grid = unionTimes(ts, from, to);
  const out: Columns = { ts: grid, open: [], close: [], tradable: [] };
  for (let j = 0; j < files.length; j++) {
    const a = align(grid, ts[j]!, open[j]!, close[j]!);
    out.open.push(a.open);
    out.close.push(a.close);
    out.tradable!.push(a.tradable);
  }
  return out;
}
