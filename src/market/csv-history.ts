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
import { readFile } from 'node:fs/promises';
import { describeError, NeoLightError } from '../core/errors.js';
import { CALIBRATION } from './calibration.js';
import { isOpen } from './calendar.js';
import { instrument, isUniverseSymbol } from './instruments.js';
import type { Bar, MarketData, Quote } from '../core/market.js';

export interface CsvHistory {
  readonly symbol: string;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export interface CsvOptions {
  readonly symbol: string;
  /** Name used in error messages (the file path). */
  readonly source?: string;
  /** Scale OHLC by Adj Close / Close when the file has an adjusted close (Yahoo). Default false. */
  readonly adjusted?: boolean;
}

const ALIASES: Record<string, readonly string[]> = {
  ts: ['date', 'datetime', 'timestamp', 'time', 'date_time', 'open_time', 'opentime'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  adjClose: ['adj close', 'adj_close', 'adjclose', 'adjusted_close', 'adjusted close'],
  volume: ['volume', 'vol', 'v'],
};
const REQUIRED = ['ts', 'open', 'high', 'low', 'close'] as const;
/** Upper bound (exclusive) for any price: above every traded asset's price, below float overflow in notional × fees. */
export const MAX_PRICE = 1e12;
const HEADERLESS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

function dataError(source: string, line: number, message: string, detail: Record<string, unknown> = {}): NeoLightError {
  return new NeoLightError('NL_ERR_DATA', `${source} line ${line}: ${message}`, { source, line, ...detail });
}

/** A bad field: names the file, line, 1-based column and the column's role. */
function fieldError(source: string, line: number, column: number, field: string, message: string): NeoLightError {
  return new NeoLightError('NL_ERR_DATA', `${source} line ${line} column ${column} (${field}): ${message}`, { source, line, column, field });
}

/** Epoch ms of a compact YYYYMMDD date (1900–2099, a real calendar day), or NaN. */
function compactDate(s: string): number {
  const m = /^(19|20)(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return Number.NaN;
  const iso = `${m[1]}${m[2]}-${m[3]}-${m[4]}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().startsWith(iso) ? t : Number.NaN;
}

/**
 * Epoch ms of a time field, or NaN. Digits: an eight-digit YYYYMMDD that is a real calendar day
 * (as many data vendors write dates) is that day; other digits are unix seconds below 1e11, else
 * milliseconds (eight-digit unix seconds would be 1970–1973, which no vendor's daily file holds).
 */
export function parseTime(raw: string): number {
  const s = raw.trim();
  const compact = compactDate(s);
  if (!Number.isNaN(compact)) return compact;
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return Date.parse(s.replace(' ', 'T'));
  return Number.NaN;
}

function splitRow(line: string, sep: string): string[] {
  return line.split(sep).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Parse CSV text into columns; throws NL_ERR_DATA naming the line of the first problem. */
export function parseCsvHistory(text: string, opts: CsvOptions): CsvHistory {
  const source = opts.source ?? `CSV for ${opts.symbol}`;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx < 0) throw dataError(source, 1, 'file is empty; expected a header such as Date,Open,High,Low,Close,Volume or rows of timestamp,open,high,low,close,volume');
  const first = lines[firstIdx] ?? '';
  const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
  const firstFields = splitRow(first, sep);
  const hasHeader = Number.isNaN(parseTime(firstFields[0] ?? ''));
  const col: Partial<Record<keyof typeof ALIASES, number>> = {};
  if (hasHeader) {
    const names = firstFields.map((f) => f.toLowerCase());
    for (const [key, aliases] of Object.entries(ALIASES)) {
      const i = names.findIndex((n) => aliases.includes(n));
      if (i >= 0) col[key] = i;
    }
    const missing = REQUIRED.filter((k) => col[k] === undefined);
    if (missing.length > 0) {
      throw dataError(source, firstIdx + 1, `missing column(s) ${missing.join(', ')}; header is "${first.trim()}"; accepted names: ${missing.map((k) => ALIASES[k]?.join('/')).join('; ')}`, { missing });
    }
  } else {
    HEADERLESS.forEach((k, i) => {
      col[k] = i;
    });
  }
  const width = hasHeader ? firstFields.length : Math.min(firstFields.length, 5);
  const rows = { ts: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  for (let i = hasHeader ? firstIdx + 1 : firstIdx; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const f = splitRow(raw, sep);
    if (f.length < width) throw dataError(source, lineNo, `malformed row "${raw.trim()}": ${f.length} fields, expected ${width}`);
    const tsCol = col.ts ?? 0;
    const t = parseTime(f[tsCol] ?? '');
    if (Number.isNaN(t)) throw fieldError(source, lineNo, tsCol + 1, 'time', `malformed time "${f[tsCol]}"; accepted: YYYY-MM-DD, YYYYMMDD, ISO date-time, unix seconds or ms`);
    const num = (key: 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose'): number => {
      const idx = col[key];
      if (idx === undefined) return key === 'volume' ? 0 : Number.NaN;
      const cell = f[idx] ?? '';
      const v = cell === '' ? Number.NaN : Number(cell);
      const isPrice = key !== 'volume';
      const ok = Number.isFinite(v) && (isPrice ? v > 0 && v < MAX_PRICE : v >= 0);
      if (!ok) throw fieldError(source, lineNo, idx + 1, key, `${Number.isFinite(v) ? '' : 'malformed '}${key} "${cell}" in row "${raw.trim()}"; expected ${isPrice ? `a price > 0 and < ${MAX_PRICE.toExponential()}` : 'a number >= 0'}`);
      return v;
    };
    const o = num('open');
    const h = num('high');
    const l = num('low');
    const c = num('close');
    const v = num('volume');
    if (h < l) throw fieldError(source, lineNo, (col.high ?? 0) + 1, 'high', `high ${h} is below low ${l}`);
    const k = opts.adjusted && col.adjClose !== undefined ? num('adjClose') / c : 1;
    const prev = rows.ts[rows.ts.length - 1];
    if (prev !== undefined && t === prev) throw fieldError(source, lineNo, tsCol + 1, 'time', `duplicate bar at ${new Date(t).toISOString()}`);
    if (prev !== undefined && t < prev) {
      throw fieldError(source, lineNo, tsCol + 1, 'time', `timestamps not sorted: ${new Date(t).toISOString()} comes after ${new Date(prev).toISOString()}`);
    }
    rows.ts.push(t);
    rows.open.push(o * k);
    rows.high.push(h * k);
    rows.low.push(l * k);
    rows.close.push(c * k);
    rows.volume.push(v);
  }
  if (rows.ts.length === 0) throw dataError(source, firstIdx + 1, 'no data rows after the header');
  return {
    symbol: opts.symbol,
    ts: Float64Array.from(rows.ts), open: Float64Array.from(rows.open), high: Float64Array.from(rows.high),
    low: Float64Array.from(rows.low), close: Float64Array.from(rows.close), volume: Float64Array.from(rows.volume),
  };
}

/** Read and parse a CSV file (the I/O edge of this module). */
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source'> & { symbol: string }): Promise<CsvHistory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read CSV file ${path}: ${describeError(err)}`, { path }, { cause: err });
  }
  return parseCsvHistory(text, { ...opts, source: path });
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
