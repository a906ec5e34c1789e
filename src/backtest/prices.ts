/**
 * Price columns held compactly and exactly. A history file's prices are short decimals (four
 * places on a crypto pair's minute bars); a column whose every value is a whole number of
 * 10^-d units (d ≤ 9) that fits in 32 bits is kept as those units, 4 bytes a bar instead of 8,
 * and read back as units / 10^d. That read is exact: both operands are exact doubles and the
 * division is correctly rounded, so it gives the double nearest the decimal, which is what the
 * parser produced (and `compactPrices` checks every value round-trips before it keeps the
 * units). Nine pairs of a million minute bars hold 72 MB of prices this way instead of 144 MB.
 * Any other column (more decimals, prices past 2^32 units) stays a Float64Array.
 */
import { sharedArray } from './shared-columns.js';

export interface ScaledPrices {
  /** Value i is units[i] / divisor. */
  readonly units: Uint32Array;
  /** 10^d for the column's d decimals. */
  readonly divisor: number;
  readonly length: number;
}

/** A price column as the engine reads it: plain doubles, or exact scaled units. */
export type PriceColumn = Float64Array | ScaledPrices;

const MAX_DECIMALS = 9;
const MAX_UNITS = 0xffff_ffff;

export function isScaled(c: PriceColumn): c is ScaledPrices {
  return !(c instanceof Float64Array);
}

/** Value i of a column. */
export function priceAt(c: PriceColumn, i: number): number {
  return c instanceof Float64Array ? c[i]! : c.units[i]! / c.divisor;
}

/**
 * `a` as scaled units when every value round-trips exactly; else `a` itself, unchanged. The units
 * are taken at the fewest decimals d that hold every value exactly: each value raises d until
 * round(v·10^d) / 10^d is v again, and the units already taken are scaled up with it (exact:
 * u / 10^d and 10u / 10^(d+1) are the same quotient, correctly rounded). One pass over the column,
 * where finding d first and converting after took two (~0.4 s of a nine-pair run's 18 columns).
 */
export function compactPrices(a: Float64Array): PriceColumn {
  // In shared memory: a worker thread reads the same units (shared-columns.ts).
  const units = sharedArray(Uint32Array, a.length);
  let d = 0;
  let divisor = 1;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    let u = Math.round(v * divisor);
    while (u / divisor !== v) {
      if (++d > MAX_DECIMALS) return a;
      divisor *= 10;
      for (let k = 0; k < i; k++) {
        const scaled = units[k]! * 10;
        if (scaled > MAX_UNITS) return a;
        units[k] = scaled;
      }
      u = Math.round(v * divisor);
    }
    if (!(u >= 0 && u <= MAX_UNITS)) return a;
    units[i] = u;
  }
  return { units, divisor, length: a.length };
}

/** Values [start, end) as a view (no copy), of the same kind. */
export function pricesView(c: PriceColumn, start: number, end: number): PriceColumn {
  if (c instanceof Float64Array) return c.subarray(start, end);
  const units = c.units.subarray(start, end);
  return { units, divisor: c.divisor, length: units.length };
}

/** Values [start, end) as a copy of their own, of the same kind. */
export function pricesSlice(c: PriceColumn, start: number, end: number): PriceColumn {
  if (c instanceof Float64Array) return c.slice(start, end);
  const units = c.units.slice(start, end);
  return { units, divisor: c.divisor, length: units.length };
}

/** Every value as a double (the column itself when it is one). */
export function pricesFloat64(c: PriceColumn): Float64Array {
  if (c instanceof Float64Array) return c;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c.units[i]! / c.divisor;
  return out;
}
