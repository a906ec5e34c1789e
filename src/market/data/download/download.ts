/**
 * Download one symbol's history into the freqtrade layout, resumably: an existing file is read
 * (and must be valid), only the bars missing before its first and after its last bar are fetched,
 * contiguously with it, so repeated runs add no duplicates and leave no holes. Every save replaces
 * the file atomically (temp + fsync + rename): a run killed mid-way leaves the previous complete
 * file, and bars appended page by page survive for the next run to continue from.
 */
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../../store/atomic.js';
import { removeStaleTempFiles } from '../../../store/temp-files.js';
import type { Bar } from '../../../core/market.js';
import { pairDataPath } from '../freqtrade-layout.js';
import { freqtradeJsonText } from '../freqtrade-json.js';
import { loadHistoryFile } from '../history-file.js';
import { allocColumns, validateColumns, type OhlcvColumns, type OhlcvHistory } from '../ohlcv.js';
import { timeframeMs, type Timeframe } from '../timeframes.js';
import type { HistorySource } from './source.js';

export type WriteFormat = 'csv' | 'json';
export const WRITE_FORMATS: readonly WriteFormat[] = ['csv', 'json'];

export interface DownloadRequest {
  readonly source: HistorySource;
  readonly datadir: string;
  /** The symbol to ask the source for. */
  readonly symbol: string;
  /** The name the file is saved under (freqtrade's pair for crypto, the ticker for Yahoo). */
  readonly pair: string;
  readonly timeframe: Timeframe;
  /** [fromMs, toMs): bars stamped in this range. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly format: WriteFormat;
  /** Bars received so far for this symbol, after each page. */
  readonly onProgress?: (received: number) => void;
}

export interface DownloadResult {
  readonly symbol: string;
  readonly pair: string;
  readonly exchange: string;
  readonly timeframe: Timeframe;
  readonly path: string;
  readonly format: WriteFormat;
  /** Bars already in the file before this run. */
  readonly existing: number;
  /** Bars this run added. */
  readonly added: number;
  readonly bars: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly requests: number;
}

const NAMES = { ts: 'date', open: 'open', high: 'high', low: 'low', close: 'close', volume: 'volume' } as const;

const isBars = (p: readonly Bar[] | OhlcvHistory): p is readonly Bar[] => Array.isArray(p);

function columnsOf(parts: readonly (readonly Bar[] | OhlcvHistory)[]): OhlcvColumns {
  const c = allocColumns(parts.reduce((s, p) => s + (isBars(p) ? p.length : p.ts.length), 0));
  let i = 0;
  for (const p of parts) {
    if (!isBars(p)) {
      for (const f of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) c[f].set(p[f], i);
      i += p.ts.length;
      continue;
    }
    for (const b of p) {
      c.ts[i] = b.ts;
      c.open[i] = b.open;
      c.high[i] = b.high;
      c.low[i] = b.low;
      c.close[i] = b.close;
      c.volume[i] = b.volume;
      i++;
    }
  }
  return c;
}

/** The CSV this writes: ISO UTC times (exact to the ms) and shortest round-trip numbers, which loadCsvHistory reads. */
export function csvText(c: OhlcvColumns): string {
  const out = ['date,open,high,low,close,volume'];
  for (let i = 0; i < c.ts.length; i++) out.push(`${new Date(c.ts[i] as number).toISOString()},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}`);
  return `${out.join('\n')}\n`;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

export async function downloadHistory(req: DownloadRequest): Promise<DownloadResult> {
  const { source, timeframe } = req;
  const step = timeframeMs(timeframe);
  const path = pairDataPath(req.datadir, source.exchange, req.pair, timeframe, req.format);
  const label = `${source.exchange} ${req.pair} ${timeframe}`;
  // Temp files of a run that was killed between write and rename are litter, never data.
  removeStaleTempFiles(dirname(path));
  const old: OhlcvHistory | null = (await exists(path)) ? await loadHistoryFile(path, { symbol: req.pair }) : null;
  const first = old ? (old.ts[0] as number) : undefined;
  const last = old ? (old.ts[old.ts.length - 1] as number) : undefined;
  let before: Bar[] = [];
  const after: Bar[] = [];
  let requests = 0;
  let received = 0;

  const save = (): void => {
    const c = columnsOf(old ? [before, old, after] : [before, after]);
    if (c.ts.length === 0) return;
    validateColumns(c, `${label} (download into ${path})`, NAMES);
    writeFileAtomic(path, req.format === 'csv' ? csvText(c) : freqtradeJsonText(c));
  };
  /** Keep bars strictly after the segment's tail and outside the file's range: no duplicates, whatever the source repeats. */
  const take = (into: Bar[], bars: readonly Bar[], below: number): void => {
    for (const b of bars) {
      const tail = into.length ? (into[into.length - 1] as Bar).ts : Number.NEGATIVE_INFINITY;
      if (b.ts > tail && b.ts < below && (last === undefined || b.ts > last || b.ts < (first as number))) into.push(b);
    }
    received += bars.length;
    req.onProgress?.(received);
  };

  // Bars before the file's first one are saved only once the whole stretch is in, so a killed run never leaves a hole before `first`.
  if (first !== undefined && req.fromMs < first) {
    const got: Bar[] = [];
    requests += (await source.fetchRange(req.symbol, timeframe, req.fromMs, first, (bars) => take(got, bars, first))).requests;
    before = got;
    if (before.length) save();
  }
  const start = last === undefined ? req.fromMs : last + step;
  if (start < req.toMs) {
    requests += (
      await source.fetchRange(req.symbol, timeframe, start, req.toMs, (bars) => {
        const n = after.length;
        take(after, bars, Number.POSITIVE_INFINITY);
        if (after.length > n) save();
      })
    ).requests;
  }
  const existing = old?.ts.length ?? 0;
  const added = before.length + after.length;
  const all = columnsOf(old ? [before, old, after] : [before, after]);
  return {
    symbol: req.symbol, pair: req.pair, exchange: source.exchange, timeframe, path, format: req.format,
    existing, added, bars: all.ts.length,
    first: all.ts.length ? (all.ts[0] as number) : null,
    last: all.ts.length ? (all.ts[all.ts.length - 1] as number) : null,
    requests,
  };
}
