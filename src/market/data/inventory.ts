/**
 * What a data directory holds (`neolight data list`): one entry per history file of the freqtrade
 * layout, with its first and last bar, bar count and gaps by the market's calendar. A file that
 * cannot be read is listed with its error, never left out.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../core/errors.js';
import { instrument, isUniverseSymbol } from '../instruments.js';
import type { CalendarId } from '../../core/market.js';
import { pairFromFileName, parseDataFileName, type DataExtension } from './freqtrade-layout.js';
import { countGaps } from './gaps.js';
import { loadHistoryFile } from './history-file.js';
import { isTimeframe, timeframeMs } from './timeframes.js';

export interface InventoryEntry {
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly candle_type: string;
  readonly format: DataExtension;
  readonly path: string;
  readonly calendar: CalendarId;
  readonly first: string | null;
  readonly last: string | null;
  readonly bars: number;
  /** Missing bars by the calendar; null when the timeframe is not one NeoLight knows. */
  readonly gaps: number | null;
  readonly error: string | null;
}

/** The trading calendar of a symbol: Yahoo tickers are US equities unless FX; exchange pairs trade 24/7. */
export function calendarFor(exchange: string, symbol: string): CalendarId {
  if (isUniverseSymbol(symbol)) return instrument(symbol).calendar;
  if (exchange !== 'yahoo') return 'crypto_24_7';
  return /=X$|^[A-Z]{6}_X$/.test(symbol) ? 'forex_24_5' : 'us_equity';
}

async function dirEntries(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, isDir: d.isDirectory() }));
  } catch {
    return [];
  }
}

async function describeFile(exchange: string, path: string, name: string): Promise<InventoryEntry | null> {
  const parsed = parseDataFileName(name);
  if (!parsed) return null;
  const symbol = pairFromFileName(exchange, parsed);
  const calendar = calendarFor(exchange, symbol);
  const base = { exchange, symbol, timeframe: parsed.timeframe, candle_type: parsed.candleType, format: parsed.ext, path, calendar };
  try {
    const h = await loadHistoryFile(path, { symbol });
    const gaps = isTimeframe(parsed.timeframe) ? countGaps(h.ts, timeframeMs(parsed.timeframe), calendar).gaps : null;
    return {
      ...base, bars: h.ts.length, gaps, error: null,
      first: new Date(h.ts[0] as number).toISOString(), last: new Date(h.ts[h.ts.length - 1] as number).toISOString(),
    };
  } catch (err) {
    return { ...base, first: null, last: null, bars: 0, gaps: null, error: describeError(err) };
  }
}

/** Every history file under `<datadir>/<exchange>/` and `<datadir>/<exchange>/futures/`, sorted by exchange, symbol, timeframe. */
export async function listDataDir(datadir: string): Promise<InventoryEntry[]> {
  const out: InventoryEntry[] = [];
  for (const ex of await dirEntries(datadir)) {
    if (!ex.isDir || ex.name.startsWith('.')) continue;
    const dirs = [join(datadir, ex.name), join(datadir, ex.name, 'futures')];
    for (const dir of dirs) {
      for (const f of await dirEntries(dir)) {
        if (f.isDir) continue;
        const e = await describeFile(ex.name, join(dir, f.name), f.name);
        if (e) out.push(e);
      }
    }
  }
  return out.sort((a, b) => a.exchange.localeCompare(b.exchange) || a.symbol.localeCompare(b.symbol) || a.timeframe.localeCompare(b.timeframe) || a.path.localeCompare(b.path));
}
