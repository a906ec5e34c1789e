/**
 * The CSV reader proper (csv-history.ts feeds it a file's bytes): the layout sniffed from the
 * first non-blank line (separator, header or not, which column is which), then every row checked
 * and appended to typed columns.
 * Rows the fused fast path (csv-fast.ts) can take go through it; any other row is split into
 * fields (csv-columns.ts) and read here, so an odd spelling is read and a bad row is refused with
 * the error naming file, line, column and reason.
 */
import { NeoLightError } from '../core/errors.js';
import { blank, Column, decode, Fields, LineSplitter } from './csv-columns.js';
import { fastRows, type FastLayout, type FastSink } from './csv-fast.js';

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
  /**
   * `open-close`: high, low and volume are read and checked as always but not kept (the history's
   * columns of them are empty), for a caller that trades on opens and closes only: a million rows
   * then fill three 8 MB columns instead of six. Default `all`.
   */
  readonly columns?: 'all' | 'open-close';
}

/** What a read with `columns: 'open-close'` keeps. */
export type OpenCloseHistory = Pick<CsvHistory, 'symbol' | 'ts' | 'open' | 'close'>;

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

/** What the first non-blank line says about the file. */
interface CsvLayout {
  /** Separator byte. */
  sep: number;
  /** 0-based column of each role found. */
  col: Partial<Record<Role, number>>;
  /** Fields a row must have. */
  width: number;
  /** Line number of that first line; whether it was a header (not a row). */
  firstLine: number;
  header: boolean;
}

/** The layout from the first non-blank line (the header, or the first row of a headerless file). */
function sniffLayout(first: string, lineNo: number, source: string): CsvLayout {
  const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
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
      throw dataError(source, lineNo, `missing column(s) ${missing.join(', ')}; header is "${first.trim()}"; accepted names: ${missing.map((k) => ALIASES[k]?.join('/')).join('; ')}`, { missing });
    }
  } else {
    HEADERLESS.forEach((k, i) => {
      col[k] = i;
    });
  }
  return { sep: sep.charCodeAt(0), col, width: hasHeader ? firstFields.length : Math.min(firstFields.length, 5), firstLine: lineNo, header: hasHeader };
}

/**
 * The streaming reader: fed chunks of a file's bytes, it sniffs the layout from the first
 * non-blank line, then checks and appends each row to the columns (csv-columns.ts).
 */
type ColumnName = 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume';
const COLUMN_NAMES: readonly ColumnName[] = ['ts', 'open', 'high', 'low', 'close', 'volume'];
const KEPT_OPEN_CLOSE: readonly ColumnName[] = ['ts', 'open', 'close'];

/**
 * Columns one reader leaves for the next to fill: a caller reading many files and keeping only part
 * of each (the multi-asset backtest) reads them all into the same buffers instead of leaving six
 * dead 8 MB-a-million-rows arrays per file for the collector. The history a pooled read returns
 * is a view of these buffers until the next read with the same pool: copy what is kept.
 */
export type ColumnPool = Partial<Record<ColumnName, Column>>;

/** Hands a pool's memory back now (csv-columns.ts `Column.release`); what was read into it is gone. */
export function releaseColumnPool(pool: ColumnPool): void {
  for (const name of COLUMN_NAMES) {
    pool[name]?.release();
    delete pool[name];
  }
}

export class CsvReader {
  private readonly source: string;
  private layout: CsvLayout | undefined;
  private readonly fields = new Fields();
  private readonly cols: Record<ColumnName, Column>;
  private readonly keepAll: boolean;
  private readonly lines: LineSplitter;

  constructor(private readonly opts: CsvOptions, expectedRows: number, pool?: ColumnPool) {
    this.source = opts.source ?? `CSV for ${opts.symbol}`;
    const cap = Math.min(Math.max(16, expectedRows), 1 << 26);
    this.keepAll = opts.columns !== 'open-close';
    const column = (name: ColumnName): Column => {
      // A column not kept stays empty: never pushed to, never taken from the pool.
      if (!this.keepAll && !KEPT_OPEN_CLOSE.includes(name)) return new Column(0);
      const kept = pool?.[name];
      if (kept && kept.data.length >= cap) {
        kept.length = 0;
        return kept;
      }
      const c = new Column(cap, pool !== undefined);
      if (pool) {
        kept?.release();
        pool[name] = c;
      }
      return c;
    };
    this.cols = Object.fromEntries(COLUMN_NAMES.map((n) => [n, column(n)])) as Record<ColumnName, Column>;
    this.lines = new LineSplitter((buf, from, to, lineNo) => this.line(buf, from, to, lineNo));
  }

  /** Reads the complete lines of buf[0, len) (every line when `final`); returns where the rest starts. */
  feed(buf: Uint8Array, len: number, final: boolean): number {
    return this.lines.feed(buf, len, final);
  }

  end(): CsvHistory {
    if (this.layout === undefined) throw dataError(this.source, 1, 'file is empty; expected a header such as Date,Open,High,Low,Close,Volume or rows of timestamp,open,high,low,close,volume');
    if (this.cols.ts.length === 0) throw dataError(this.source, this.layout.firstLine, 'no data rows after the header');
    const c = this.cols;
    return { symbol: this.opts.symbol, ts: c.ts.done(), open: c.open.done(), high: c.high.done(), low: c.low.done(), close: c.close.done(), volume: c.volume.done() };
  }

  private line(buf: Uint8Array, from: number, to: number, lineNo: number): void {
    if (blank(buf, from, to)) return;
    if (this.layout === undefined) {
      this.use(sniffLayout(decode(buf, from, to), lineNo, this.source));
      if (this.layout!.header) return;
    }
    this.row(buf, from, to, lineNo);
  }

  private use(layout: CsvLayout): void {
    this.layout = layout;
    this.enableFastPath();
  }

  /** Rows the fused reader (csv-fast.ts) can take go through it; it stops at any other row. */
  private enableFastPath(): void {
    const { col, sep, width } = this.layout!;
    if (this.opts.adjusted && col.adjClose !== undefined) return;
    const keepAll = this.keepAll;
    const L: FastLayout = { sep, width, ts: col.ts ?? 0, open: col.open!, high: col.high!, low: col.low!, close: col.close!, volume: col.volume ?? -1, maxPrice: MAX_PRICE, keepAll };
    const c = this.cols;
    const order = [c.ts, c.open, c.high, c.low, c.close, c.volume];
    const kept = keepAll ? order : [c.ts, c.open, c.close];
    const arrays = order.map((col) => col.data);
    const sink: FastSink = {
      length: 0,
      // The full columns go back to the general path, whose next row grows them.
      reserve: (n) => {
        for (const col of kept) col.length = n;
        order.forEach((col, j) => (arrays[j] = col.data));
        return arrays;
      },
    };
    const out = { taken: 0 };
    // After a row the fast path leaves to the general one, it is tried again one line later, then
    // 2, 4, ... up to 1,024 lines later while it keeps failing: a file of odd spellings (quoted
    // fields, say) is then read by the general path alone, without a fast attempt per line.
    let skip = 0;
    let backoff = 1;
    this.lines.fast = (buf, from, len) => {
      if (skip > 0) {
        skip--;
        return { next: from, lines: 0 };
      }
      sink.length = c.ts.length;
      const next = fastRows(buf, from, len, L, sink, out);
      for (const col of kept) col.length = sink.length;
      if (out.taken > 0) backoff = 1;
      else {
        skip = backoff;
        backoff = Math.min(backoff * 2, 1024);
      }
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
    const idx = this.layout!.col[key];
    if (idx === undefined) return key === 'volume' ? 0 : Number.NaN;
    const f = this.fields;
    const v = f.number(idx);
    const isPrice = key !== 'volume';
    if (Number.isFinite(v) && (isPrice ? v > 0 && v < MAX_PRICE : v >= 0)) return v;
    throw fieldError(this.source, lineNo, idx + 1, key, `${Number.isFinite(v) ? '' : 'malformed '}${key} "${f.text(idx)}" in row "${decode(buf, from, to).trim()}"; expected ${isPrice ? `a price > 0 and < ${MAX_PRICE.toExponential()}` : 'a number >= 0'}`);
  }

  private row(buf: Uint8Array, from: number, to: number, lineNo: number): void {
    const { source, fields: f } = this;
    const { col, width } = this.layout!;
    f.split(buf, from, to, this.layout!.sep);
    if (f.count < width) throw dataError(source, lineNo, `malformed row "${decode(buf, from, to).trim()}": ${f.count} fields, expected ${width}`);
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
    cols.close.push(c * k);
    if (this.keepAll) {
      cols.high.push(h * k);
      cols.low.push(l * k);
      cols.volume.push(v);
    }
  }
}

