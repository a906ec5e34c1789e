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
import { open, type FileHandle } from 'node:fs/promises';
import { describeError, NeoLightError } from '../core/errors.js';
import { CALIBRATION } from './calibration.js';
import { blank, Column, decode, Fields, LineSplitter } from './csv-columns.js';
import { fastRows, type FastLayout, type FastSink } from './csv-fast.js';
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
const sameDay = (t: number, s: string): number => (Number.isFinite(t) && new Date(t).toISOString().startsWith(s.slice(0, 10)) ? t : Number.NaN);

export function parseTime(raw: string): number {
  const s = raw.trim();
  const compact = compactDate(s);
  if (!Number.isNaN(compact)) return compact;
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  // Date.parse rolls a day past the month's end into the next month (2023-02-29 → 03-01): refused.
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return sameDay(Date.parse(`${s}T00:00:00Z`), s);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return sameDay(Date.parse(`${s.replace(' ', 'T')}Z`), s);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return Date.parse(s.replace(' ', 'T'));
  return Number.NaN;
}

function splitRow(line: string, sep: string): string[] {
  return line.split(sep).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
}

type Role = keyof typeof ALIASES;

/** Epoch ms of a compact YYYYMMDD read as an integer, or NaN (the fast twin of compactDate). */
function compactDay(n: number): number {
  if (n < 19_000_000 || n > 20_999_999) return Number.NaN;
  const y = Math.floor(n / 10_000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  const t = Date.UTC(y, m - 1, d);
  return new Date(t).getUTCDate() === d ? t : Number.NaN;
}

/**
 * The streaming reader: fed chunks of a file's bytes, it sniffs the separator and header from the
 * first non-blank line, then checks and appends each row to the columns (csv-columns.ts).
 */
class CsvReader {
  private readonly source: string;
  private sep = 0x2c;
  private col: Partial<Record<Role, number>> | undefined;
  private width = 0;
  private firstLine = 0;
  private readonly fields = new Fields();
  private readonly cols: Record<'ts' | 'open' | 'high' | 'low' | 'close' | 'volume', Column>;
  private readonly lines: LineSplitter;

  constructor(private readonly opts: CsvOptions, expectedRows: number) {
    this.source = opts.source ?? `CSV for ${opts.symbol}`;
    const cap = Math.min(Math.max(16, expectedRows), 1 << 26);
    this.cols = { ts: new Column(cap), open: new Column(cap), high: new Column(cap), low: new Column(cap), close: new Column(cap), volume: new Column(cap) };
    this.lines = new LineSplitter((buf, from, to, lineNo) => this.line(buf, from, to, lineNo));
  }

  /** Reads the complete lines of buf[0, len) (every line when `final`); returns where the rest starts. */
  feed(buf: Uint8Array, len: number, final: boolean): number {
    return this.lines.feed(buf, len, final);
  }

  end(): CsvHistory {
    if (this.col === undefined) throw dataError(this.source, 1, 'file is empty; expected a header such as Date,Open,High,Low,Close,Volume or rows of timestamp,open,high,low,close,volume');
    if (this.cols.ts.length === 0) throw dataError(this.source, this.firstLine, 'no data rows after the header');
    const c = this.cols;
    return { symbol: this.opts.symbol, ts: c.ts.done(), open: c.open.done(), high: c.high.done(), low: c.low.done(), close: c.close.done(), volume: c.volume.done() };
  }

  private line(buf: Uint8Array, from: number, to: number, lineNo: number): void {
    if (blank(buf, from, to)) return;
    if (this.col === undefined && !this.header(decode(buf, from, to), lineNo)) return;
    this.row(buf, from, to, lineNo);
  }

  /** Sniffs the layout from the first non-blank line; true when that line is a data row. */
  private header(first: string, lineNo: number): boolean {
    this.firstLine = lineNo;
    const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
    this.sep = sep.charCodeAt(0);
    const firstFields = splitRow(first, sep);
    const hasHeader = Number.isNaN(parseTime(firstFields[0] ?? ''));
    const col: Partial<Record<Role, number>> = {};
    if (hasHeader) {
      const names = firstFields.map((f) => f.toLowerCase());
      for (const [key, aliases] of Object.entries(ALIASES)) {
        const i = names.findIndex((n) => aliases.includes(n));
        if (i >= 0) col[key] = i;
      }
      const missing = REQUIRED.filter((k) => col[k] === undefined);
      if (missing.length > 0) {
        throw dataError(this.source, lineNo, `missing column(s) ${missing.join(', ')}; header is "${first.trim()}"; accepted names: ${missing.map((k) => ALIASES[k]?.join('/')).join('; ')}`, { missing });
      }
    } else {
      HEADERLESS.forEach((k, i) => {
        col[k] = i;
      });
    }
    this.col = col;
    this.width = hasHeader ? firstFields.length : Math.min(firstFields.length, 5);
    this.enableFastPath();
    return !hasHeader;
  }

  /** Rows the fused reader (csv-fast.ts) can take go through it; it stops at any other row. */
  private enableFastPath(): void {
    const col = this.col!;
    if (this.opts.adjusted && col.adjClose !== undefined) return;
    const L: FastLayout = { sep: this.sep, width: this.width, ts: col.ts ?? 0, open: col.open!, high: col.high!, low: col.low!, close: col.close!, volume: col.volume ?? -1, maxPrice: MAX_PRICE };
    const vals = new Float64Array(Math.max(L.ts, L.open, L.high, L.low, L.close, L.volume) + 1);
    const c = this.cols;
    const order = [c.ts, c.open, c.high, c.low, c.close, c.volume];
    const sink: FastSink = {
      length: 0,
      reserve: (n) => {
        for (const col of order) {
          col.length = n;
          if (n >= col.data.length) col.push(0);
        }
        return order.map((col) => col.data);
      },
    };
    const out = { taken: 0 };
    this.lines.fast = (buf, from, len) => {
      sink.length = c.ts.length;
      const next = fastRows(buf, from, len, L, sink, vals, out);
      for (const col of order) col.length = sink.length;
      return { next, lines: out.taken };
    };
  }

  private time(k: number): number {
    const f = this.fields;
    const n = f.integer(k);
    if (!Number.isNaN(n)) {
      const compact = compactDay(n);
      if (!Number.isNaN(compact)) return compact;
      return Math.abs(n) < 1e11 ? n * 1000 : n;
    }
    const day = f.isoDay(k);
    return Number.isNaN(day) ? parseTime(f.text(k)) : day;
  }

  /** A checked price or volume of the current row (no closure or string per row: errors decode the row). */
  private num(key: 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose', buf: Uint8Array, from: number, to: number, lineNo: number): number {
    const idx = this.col![key];
    if (idx === undefined) return key === 'volume' ? 0 : Number.NaN;
    const f = this.fields;
    const v = f.number(idx);
    const isPrice = key !== 'volume';
    if (Number.isFinite(v) && (isPrice ? v > 0 && v < MAX_PRICE : v >= 0)) return v;
    throw fieldError(this.source, lineNo, idx + 1, key, `${Number.isFinite(v) ? '' : 'malformed '}${key} "${f.text(idx)}" in row "${decode(buf, from, to).trim()}"; expected ${isPrice ? `a price > 0 and < ${MAX_PRICE.toExponential()}` : 'a number >= 0'}`);
  }

  private row(buf: Uint8Array, from: number, to: number, lineNo: number): void {
    const { source, fields: f } = this;
    const col = this.col!;
    f.split(buf, from, to, this.sep);
    if (f.count < this.width) throw dataError(source, lineNo, `malformed row "${decode(buf, from, to).trim()}": ${f.count} fields, expected ${this.width}`);
    const tsCol = col.ts ?? 0;
    const t = this.time(tsCol);
    if (Number.isNaN(t)) throw fieldError(source, lineNo, tsCol + 1, 'time', `malformed time "${f.text(tsCol)}"; accepted: YYYY-MM-DD, YYYYMMDD, ISO date-time, unix seconds or ms`);
    const o = this.num('open', buf, from, to, lineNo);
    const h = this.num('high', buf, from, to, lineNo);
    const l = this.num('low', buf, from, to, lineNo);
    const c = this.num('close', buf, from, to, lineNo);
    const v = this.num('volume', buf, from, to, lineNo);
    if (h < l) throw fieldError(source, lineNo, (col.high ?? 0) + 1, 'high', `high ${h} is below low ${l}`);
    const k = this.opts.adjusted && col.adjClose !== undefined ? this.num('adjClose', buf, from, to, lineNo) / c : 1;
    const cols = this.cols;
    const n = cols.ts.length;
    if (n > 0) {
      const prev = cols.ts.data[n - 1]!;
      if (t === prev) throw fieldError(source, lineNo, tsCol + 1, 'time', `duplicate bar at ${new Date(t).toISOString()}`);
      if (t < prev) throw fieldError(source, lineNo, tsCol + 1, 'time', `timestamps not sorted: ${new Date(t).toISOString()} comes after ${new Date(prev).toISOString()}`);
    }
    cols.ts.push(t);
    cols.open.push(o * k);
    cols.high.push(h * k);
    cols.low.push(l * k);
    cols.close.push(c * k);
    cols.volume.push(v);
  }
}

/** Parse CSV text into columns; throws NL_ERR_DATA naming the line of the first problem. */
export function parseCsvHistory(text: string, opts: CsvOptions): CsvHistory {
  const reader = new CsvReader(opts, 0);
  const bytes = Buffer.from(text, 'utf8');
  reader.feed(bytes, bytes.length, true);
  return reader.end();
}

const CHUNK = 1 << 20;

/**
 * Read and parse a CSV file in 1 MB reads (the I/O edge of this module): the text is never held
 * whole; the unfinished last line of each read moves to the front of the buffer and the next read
 * lands after it.
 */
export async function loadCsvHistory(path: string, opts: Omit<CsvOptions, 'source'> & { symbol: string }): Promise<CsvHistory> {
  const cannot = (err: unknown): NeoLightError => new NeoLightError('NL_ERR_DATA', `cannot read CSV file ${path}: ${describeError(err)}`, { path }, { cause: err });
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw cannot(err);
  }
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = 0;
    let reader: CsvReader | undefined;
    for (;;) {
      // A line longer than the buffer: grow it.
      if (len === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      let got: number;
      try {
        got = (await fh.read(buf, len, buf.length - len, null)).bytesRead;
      } catch (err) {
        throw cannot(err);
      }
      len += got;
      // Rows are estimated from the first read's line length, so the columns rarely grow.
      reader ??= new CsvReader({ ...opts, source: path }, Math.ceil((size / Math.max(1, len / Math.max(1, countLines(buf, len)))) * 1.05));
      const rest = reader.feed(buf, len, got === 0);
      if (got === 0) break;
      buf.copyWithin(0, rest, len);
      len -= rest;
    }
    return reader.end();
  } finally {
    await fh.close();
  }
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
