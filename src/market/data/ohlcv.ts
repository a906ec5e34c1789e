/**
 * The columnar OHLCV shape every history reader returns (the same as csv-history.ts's
 * `CsvHistory`), and the one validation pass all non-CSV readers share. A bad row is an error
 * naming the file, the row and the column, never a skipped row: a backtest over silently
 * thinned data is a wrong backtest.
 */
import { NeoLightError } from '../../core/errors.js';
import type { CsvHistory } from '../csv-history.js';

export type OhlcvHistory = CsvHistory;
export type OhlcvField = 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume';

/** Prices at or above this are taken for a unit or scaling mistake, not a price. */
export const MAX_PRICE = 1e12;

export interface OhlcvColumns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function allocColumns(n: number): OhlcvColumns {
  return {
    ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n),
    low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n),
  };
}

/**
 * A NL_ERR_DATA naming the file and the row. `row` is 1-based over data rows (row 1 is the first
 * bar); `column` is the name the file uses, so the user can find it.
 */
export function rowError(source: string, row: number, column: string, message: string, detail: Record<string, unknown> = {}): NeoLightError {
  return new NeoLightError('NL_ERR_DATA', `${source} row ${row}, column ${column}: ${message}`, { source, row, column, ...detail });
}

export function fileError(source: string, message: string, detail: Record<string, unknown> = {}): NeoLightError {
  return new NeoLightError('NL_ERR_DATA', `${source}: ${message}`, { source, ...detail });
}

const iso = (ms: number): string => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/**
 * Check every row: time finite; prices finite, > 0 and < 1e12; volume finite and >= 0; high >=
 * low; times strictly increasing (a duplicate and an out-of-order bar are told apart). `names`
 * maps each field to the column name the file uses. Throws on the first bad row.
 */
export function validateColumns(c: OhlcvColumns, source: string, names: Readonly<Record<OhlcvField, string>>): void {
  const n = c.ts.length;
  if (n === 0) throw fileError(source, 'no data rows');
  const prices = ['open', 'high', 'low', 'close'] as const;
  for (let i = 0; i < n; i++) {
    const row = i + 1;
    const t = c.ts[i] as number;
    if (!Number.isFinite(t)) throw rowError(source, row, names.ts, `time is ${t}, not a valid timestamp`, { field: 'ts' });
    for (const f of prices) {
      const v = c[f][i] as number;
      if (Number.isNaN(v)) throw rowError(source, row, names[f], `${f} is NaN or missing`, { field: f, value: null });
      if (!Number.isFinite(v) || v <= 0 || v >= MAX_PRICE) {
        throw rowError(source, row, names[f], `${f} ${v} is not accepted: expected a finite price > 0 and < 1e12`, { field: f, value: v });
      }
    }
    const vol = c.volume[i] as number;
    if (!Number.isFinite(vol) || vol < 0) throw rowError(source, row, names.volume, `volume ${vol} is not accepted: expected a finite number >= 0`, { field: 'volume', value: vol });
    const h = c.high[i] as number;
    const l = c.low[i] as number;
    if (h < l) throw rowError(source, row, names.high, `high ${h} is below low ${l}`, { field: 'high' });
    if (i > 0) {
      const prev = c.ts[i - 1] as number;
      if (t === prev) throw rowError(source, row, names.ts, `duplicate timestamp ${iso(t)} (same as row ${row - 1})`, { field: 'ts', kind: 'duplicate' });
      if (t < prev) throw rowError(source, row, names.ts, `timestamps not sorted: ${iso(t)} comes after ${iso(prev)} (row ${row - 1})`, { field: 'ts', kind: 'unsorted' });
    }
  }
}

export function toHistory(symbol: string, c: OhlcvColumns): OhlcvHistory {
  return { symbol, ts: c.ts, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
}
