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
  /** false: high, low and volume are checked but not written (csv-reader.ts `columns`). */
  keepAll: boolean;
}

/** Where rows go: six growable columns sharing one length. */
export interface FastSink {
  /** Room for a row at index n; returns the (possibly new) arrays: ts, open, high, low, close, volume. */
  reserve(n: number): Float64Array[];
  /** Rows held (before the call; set to the new count after it). */
  length: number;
}

/** POW10 as doubles in a typed array: the loop reads it without a check of what an element is. */
const POW = Float64Array.from(POW10);

/**
 * Reads the complete rows of buf[s, len) while it can; returns the offset after the last row taken
 * and sets `taken` to how many it took. It never reads past the last LF before `len` (an
 * unfinished line: the next read completes it), and stops when the columns are full (the caller
 * grows them through the general path's next row).
 *
 * A number is exact when its digits, read as an integer, stay below 2^53 (each step of
 * mant × 10 + d is then exact, and one division by a power of ten ≤ 10^22 is correctly rounded,
 * as Number() is); the general path reads any other spelling.
 *
 * The loop is one function with no call, closure or destructuring inside: a million-row file is
 * read in one process's first second, mostly before the JIT's last tier has settled, and each
 * call or rarely taken path in the loop was a deoptimisation and a recompile there.
 */
export function fastRows(buf: Uint8Array, s: number, len: number, L: FastLayout, sink: FastSink, vals: Float64Array, out: { taken: number }): number {
  const sep = L.sep;
  const width = L.width;
  const maxPrice = L.maxPrice;
  const tsAt = L.ts;
  const oAt = L.open;
  const hAt = L.high;
  const lAt = L.low;
  const cAt = L.close;
  const vAt = L.volume;
  const keepAll = L.keepAll;
  const need = vals.length;
  // Rows are read only up to the last LF: that LF ends every scan below, so the per-byte loops
  // need no bounds check.
  const end = len > s ? buf.lastIndexOf(LF, len - 1) + 1 : 0;
  const first = sink.length;
  const cols = sink.reserve(first);
  const cTs = cols[0]!;
  const cO = cols[1]!;
  const cH = cols[2]!;
  const cL = cols[3]!;
  const cC = cols[4]!;
  const cV = cols[5]!;
  const cap = cTs.length;
  let n = first;
  let lastTs = n > 0 ? cTs[n - 1]! : Number.NEGATIVE_INFINITY;
  while (s < end && n < cap) {
    let i = s;
    let k = 0;
    let ok = true;
    for (;;) {
      // One field from i: [+-]digits[.digits] (or a YYYY-MM-DD time), up to sep, CR LF or LF.
      const start = i;
      let c = buf[i]!;
      const neg = c === MINUS;
      const plus = c === PLUS;
      if (neg || plus) c = buf[++i]!;
      const digitsAt = i;
      let mant = 0;
      let dotAt = -1;
      for (;;) {
        const d = c - ZERO;
        if (d >= 0 && d <= 9) mant = mant * 10 + d;
        else if (c === DOT && dotAt < 0) dotAt = i;
        else break;
        c = buf[++i]!;
      }
      let plain = true;
      if (c !== sep && c !== LF && c !== CR) {
        // Anything else (an ISO date's dashes, spaces, quotes, exponents): scan to the field's end.
        plain = false;
        do c = buf[++i]!;
        while (c !== sep && c !== LF && c !== CR);
      }
      if (k < need) {
        const digits = i - digitsAt - (dotAt >= 0 ? 1 : 0);
        let v = Number.NaN;
        if (k === tsAt) {
          if (plain && !plus && dotAt < 0 && digits > 0 && digits <= 15) {
            // As csv-history.ts `time` reads an integer: YYYYMMDD-looking ones (19,000,000 to
            // 20,999,999) take the general path (compactDay). One comparison, made on every row:
            // a second one first reached a million rows in would deoptimise the loop there.
            const t = neg ? -mant : mant;
            if (Math.abs(t - 19_999_999.5) > 1_000_000) v = Math.abs(t) < 1e11 ? t * 1000 : t;
          } else if (i - start === 10) v = isoDayAt(buf, start);
        } else if (plain && digits > 0 && mant < MAX_EXACT) {
          const frac = dotAt < 0 ? 0 : i - dotAt - 1;
          if (frac <= 22) {
            const m = frac === 0 ? mant : mant / POW[frac]!;
            v = neg ? -m : m;
          }
        }
        if (v !== v) {
          ok = false;
          break;
        }
        vals[k] = v;
      }
      k++;
      if (c === sep) {
        i++;
        continue;
      }
      // Line end: a CR must be that of a CR LF; past it, the LF.
      if (c === CR) {
        if (buf[i + 1] !== LF) {
          ok = false;
          break;
        }
        i++;
      }
      i++;
      break;
    }
    // Too few fields (or fewer than the columns read: a stale value must not stand in) go to the general path.
    if (!ok || k < width || k < need) break;
    const t = vals[tsAt]!;
    const o = vals[oAt]!;
    const h = vals[hAt]!;
    const l = vals[lAt]!;
    const cl = vals[cAt]!;
    const v = vAt >= 0 ? vals[vAt]! : 0;
    if (!(o > 0 && o < maxPrice && h > 0 && h < maxPrice && l > 0 && l < maxPrice && cl > 0 && cl < maxPrice && v >= 0 && v < Number.POSITIVE_INFINITY && h >= l && t > lastTs)) break;
    cTs[n] = t;
    cO[n] = o;
    cC[n] = cl;
    if (keepAll) {
      cH[n] = h;
      cL[n] = l;
      cV[n] = v;
    }
    n++;
    lastTs = t;
    s = i;
  }
  sink.length = n;
  out.taken = n - first;
  return s;
}
