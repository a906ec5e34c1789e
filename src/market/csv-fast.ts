/**
 * The CSV reader's fused fast path: one pass over the bytes of many rows at once, each field parsed
 * to a number while it is scanned, checked, and written to the columns; no call per field, no
 * field table. It takes only rows it reads exactly as the general path (csv-history.ts `row`)
 * would: plain decimals (digits that read as an integer below 2^53), integer or YYYY-MM-DD times, no spaces,
 * quotes or stray CRs, every check passed. At the first row it cannot take it stops, and the
 * general path reads that row: it either takes the odd spelling or refuses the row with the error
 * naming line and column, so the fast path never changes a result or an error, only the speed.
 */
import { CR, DOT, isoDayAt, LF, MAX_EXACT, MINUS, PLUS, POW10, ZERO } from './csv-columns.js';

/** Column positions (-1: absent) and what a row must satisfy. */
export interface FastLayout {
  sep: number;
  width: number;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  maxPrice: number;
}

/** Where rows go: six growable columns sharing one length. */
export interface FastSink {
  /** Room for a row at index n; returns the (possibly new) arrays: ts, open, high, low, close, volume. */
  reserve(n: number): Float64Array[];
  /** Rows held (before the call; set to the new count after it). */
  length: number;
}

/** Epoch ms as csv-history.ts `time` reads an integer field, or NaN for a compact date it would treat differently. */
function integerTime(n: number): number {
  // YYYYMMDD-looking integers take the general path (compactDay), as do out-of-range values.
  if (n >= 19_000_000 && n <= 20_999_999) return Number.NaN;
  return Math.abs(n) < 1e11 ? n * 1000 : n;
}

/**
 * Reads the complete rows of buf[s, len) while it can; returns the offset after the last row taken
 * and sets `taken` to how many it took. It never reads past the last LF before `len` (an
 * unfinished line: the next read completes it).
 *
 * A number is exact when its digits, read as an integer, stay below 2^53 (each step of
 * mant × 10 + d is then exact, and one division by a power of ten ≤ 10^22 is correctly rounded,
 * as Number() is); the general path reads any other spelling.
 */
export function fastRows(buf: Uint8Array, s: number, len: number, L: FastLayout, sink: FastSink, vals: Float64Array, out: { taken: number }): number {
  const { sep, width, maxPrice } = L;
  // Rows are read only up to the last LF: that LF ends every scan below, so the per-byte loops
  // need no bounds check.
  const end = len > s ? buf.lastIndexOf(LF, len - 1) + 1 : 0;
  if (end <= s) {
    out.taken = 0;
    return s;
  }
  const tsAt = L.ts;
  const need = vals.length;
  let taken = 0;
  let n = sink.length;
  let cols = sink.reserve(n);
  let cTs = cols[0]!;
  let cO = cols[1]!;
  let cH = cols[2]!;
  let cL = cols[3]!;
  let cC = cols[4]!;
  let cV = cols[5]!;
  let lastTs = n > 0 ? cTs[n - 1]! : Number.NaN;
  rows: for (;;) {
    let i = s;
    let k = 0;
    for (;;) {
      // One field from i: [+-]digits[.digits] (or a YYYY-MM-DD time), up to sep, CR LF or LF.
      if (i >= end) break rows;
      const start = i;
      let c = buf[i]!;
      const plus = c === PLUS;
      const neg = c === MINUS;
      if (neg || plus) i++;
      const digitsAt = i;
      let mant = 0;
      let dotAt = -1;
      for (;; i++) {
        c = buf[i]!;
        const d = c - ZERO;
        if (d >= 0 && d <= 9) mant = mant * 10 + d;
        else if (c === DOT && dotAt < 0) dotAt = i;
        else break;
      }
      let plain = true;
      if (c !== sep && c !== LF && c !== CR) {
        // Anything else (an ISO date's dashes, spaces, quotes, exponents): scan to the field's end.
        plain = false;
        for (i++; ; i++) {
          c = buf[i]!;
          if (c === sep || c === LF || c === CR) break;
        }
      }
      if (c === CR && (i + 1 >= end || buf[i + 1] !== LF)) break rows;
      if (k < need) {
        const digits = i - digitsAt - (dotAt >= 0 ? 1 : 0);
        let v = Number.NaN;
        if (k === tsAt) {
          if (plain && !plus && dotAt < 0 && digits > 0 && digits <= 15) v = integerTime(neg ? -mant : mant);
          else if (i - start === 10) v = isoDayAt(buf, start);
        } else if (plain && digits > 0 && mant < MAX_EXACT) {
          const frac = dotAt < 0 ? 0 : i - dotAt - 1;
          if (frac <= 22) {
            const m = frac === 0 ? mant : mant / POW10[frac]!;
            v = neg ? -m : m;
          }
        }
        if (Number.isNaN(v)) break rows;
        vals[k] = v;
      }
      k++;
      if (c === sep) {
        i++;
        continue;
      }
      // Line end: past the CR of a CR LF, then the LF.
      if (c === CR) i++;
      i++;
      break;
    }
    // Too few fields (or fewer than the columns read: a stale value must not stand in) go to the general path.
    if (k < width || k < need) break;
    const t = vals[tsAt]!;
    const o = vals[L.open]!;
    const h = vals[L.high]!;
    const l = vals[L.low]!;
    const cl = vals[L.close]!;
    const v = L.volume >= 0 ? vals[L.volume]! : 0;
    if (!(o > 0 && o < maxPrice && h > 0 && h < maxPrice && l > 0 && l < maxPrice && cl > 0 && cl < maxPrice && v >= 0 && v < Number.POSITIVE_INFINITY && h >= l)) break;
    if (n > 0 && !(t > lastTs)) break;
    if (n === cTs.length) {
      cols = sink.reserve(n);
      [cTs, cO, cH, cL, cC, cV] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    }
    cTs[n] = t;
    cO[n] = o;
    cH[n] = h;
    cL[n] = l;
    cC[n] = cl;
    cV[n] = v;
    n++;
    lastTs = t;
    taken++;
    s = i;
  }
  sink.length = n;
  out.taken = taken;
  return s;
}
