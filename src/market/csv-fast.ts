/**
 * The CSV reader's fused fast path: one pass over the bytes of many rows at once, each field parsed
 * to a number while it is scanned, checked, and written to the columns; no call per field, no
 * field table. It takes only rows it reads exactly as the general path (csv-history.ts `row`)
 * would: plain decimals (at most 15 significant digits), integer or YYYY-MM-DD times, no spaces,
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
 * and sets `taken` to how many it took. It never reads past the last LF before `len`.
 */
export function fastRows(buf: Uint8Array, s: number, len: number, L: FastLayout, sink: FastSink, vals: Float64Array, out: { taken: number }): number {
  const { sep, width, maxPrice } = L;
  const need = vals.length;
  let taken = 0;
  let n = sink.length;
  let cols = sink.reserve(n);
  let lastTs = n > 0 ? cols[0]![n - 1]! : Number.NaN;
  rows: for (;;) {
    let i = s;
    let k = 0;
    for (;;) {
      // One field from i: a plain decimal (or a YYYY-MM-DD time), up to sep, CR LF or LF.
      const start = i;
      let neg = false;
      let mant = 0;
      let nd = 0;
      let frac = 0;
      let dot = false;
      let any = false;
      let digits = 0;
      let plain = true;
      let c = 0;
      if (i < len && (buf[i] === MINUS || buf[i] === PLUS)) {
        neg = buf[i] === MINUS;
        if (k === L.ts && !neg) plain = false;
        i++;
      }
      for (; i < len; i++) {
        c = buf[i]!;
        if (c === sep || c === LF || c === CR) break;
        const d = c - ZERO;
        if (d >= 0 && d <= 9) {
          any = true;
          digits++;
          if (mant === 0 && d === 0) {
            if (dot) frac++;
            continue;
          }
          if (++nd > 15) plain = false;
          mant = mant * 10 + d;
          if (dot) frac++;
        } else if (c === DOT && !dot) dot = true;
        else plain = false;
      }
      if (i >= len) break rows; // an unfinished line: the next read completes it
      if (c === CR && (i + 1 >= len || buf[i + 1] !== LF)) break rows;
      if (k < need) {
        let v: number;
        if (k === L.ts) {
          if (plain && any && !dot && digits <= 15) v = integerTime(neg ? -mant : mant);
          else v = i - start === 10 ? isoDayAt(buf, start) : Number.NaN;
        } else if (plain && any && mant < MAX_EXACT && frac <= 22) {
          const m = frac === 0 ? mant : mant / POW10[frac]!;
          v = neg ? -m : m;
        } else v = Number.NaN;
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
    if (k < width) break;
    const t = vals[L.ts]!;
    const o = vals[L.open]!;
    const h = vals[L.high]!;
    const l = vals[L.low]!;
    const cl = vals[L.close]!;
    const v = L.volume >= 0 ? vals[L.volume]! : 0;
    if (!(o > 0 && o < maxPrice && h > 0 && h < maxPrice && l > 0 && l < maxPrice && cl > 0 && cl < maxPrice && v >= 0 && v < Number.POSITIVE_INFINITY && h >= l)) break;
    if (n > 0 && !(t > lastTs)) break;
    if (n === cols[0]!.length) cols = sink.reserve(n);
    cols[0]![n] = t;
    cols[1]![n] = o;
    cols[2]![n] = h;
    cols[3]![n] = l;
    cols[4]![n] = cl;
    cols[5]![n] = v;
    n++;
    lastTs = t;
    taken++;
    s = i;
  }
  sink.length = n;
  out.taken = taken;
  return s;
}
