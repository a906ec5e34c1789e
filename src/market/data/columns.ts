/**
 * Column sniffing shared by the columnar readers (Parquet, freqtrade JSON): which column holds
 * the time and each price, by the names csv-history.ts accepts, in any letter case; and how a
 * raw time value (epoch s/ms/µs/ns as number or BigInt, a Date, an ISO string) becomes epoch ms.
 */
import { parseTime } from '../csv-history.js';
import type { OhlcvField } from './ohlcv.js';

const ALIASES: Readonly<Record<OhlcvField, readonly string[]>> = {
  ts: ['date', 'datetime', 'timestamp', 'time', 'date_time', 'open_time', 'opentime'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v'],
};
export const REQUIRED_FIELDS = ['ts', 'open', 'high', 'low', 'close'] as const;

export interface ColumnMatch {
  /** The file's own column name for each field found. */
  readonly names: Partial<Record<OhlcvField, string>>;
  readonly missing: readonly OhlcvField[];
}

/** Match a file's column names to the OHLCV fields; the first alias match wins. */
export function sniffColumns(columns: readonly string[]): ColumnMatch {
  const lower = columns.map((c) => c.toLowerCase().trim());
  const names: Partial<Record<OhlcvField, string>> = {};
  for (const [field, aliases] of Object.entries(ALIASES) as [OhlcvField, readonly string[]][]) {
    for (const a of aliases) {
      const i = lower.indexOf(a);
      if (i >= 0) {
        names[field] = columns[i] as string;
        break;
      }
    }
  }
  return { names, missing: REQUIRED_FIELDS.filter((f) => names[f] === undefined) };
}

export function acceptedNames(fields: readonly OhlcvField[]): string {
  return fields.map((f) => `${f}: ${ALIASES[f].join('/')}`).join('; ');
}

/**
 * Epoch ms of a bare epoch number by its magnitude: below 1e11 seconds, below 1e14 milliseconds,
 * below 1e17 microseconds, else nanoseconds (1e11 s is the year 5138; 1e14 ms the year 5138).
 */
export function epochToMs(n: number): number {
  const a = Math.abs(n);
  if (a < 1e11) return n * 1000;
  if (a < 1e14) return n;
  if (a < 1e17) return n / 1000;
  return n / 1e6;
}

function bigEpochToMs(b: bigint): number {
  const a = b < 0n ? -b : b;
  if (a < 100_000_000_000n) return Number(b) * 1000;
  if (a < 100_000_000_000_000n) return Number(b);
  if (a < 100_000_000_000_000_000n) return Number(b / 1000n) + Number(b % 1000n) / 1000;
  return Number(b / 1_000_000n) + Number(b % 1_000_000n) / 1e6;
}

/** Epoch ms of one raw time cell, or NaN when it is none of the accepted forms. */
export function timeToMs(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? epochToMs(v) : Number.NaN;
  if (typeof v === 'bigint') return bigEpochToMs(v);
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') return parseTime(v);
  return Number.NaN;
}

/** A numeric cell as a number (BigInt included); null, strings and the rest are NaN. */
export function cellToNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}
