/**
 * The CSV reader's fused fast path: one pass over the bytes of many rows at once, each field parsed
 * to a number while it is scanned, checked, and written to the columns; no call per field, no
 * field table. It takes only rows it reads exactly as the general path (csv-reader.ts `row`)
 * would: plain decimals (digits that read as an integer below 2^53), integer or YYYY-MM-DD times,
 * no spaces, quotes or stray CRs, every check passed. At the first row it cannot take it stops,
 * and the general path reads that row: it either takes the odd spelling or refuses the row with
 * the error naming line and column, so the fast path never changes a result or an error, only
 * the speed.
 *
 * The scan itself is WebAssembly (wasm/csv-scan.ts, whose header says why); this module is its
 * host: it copies whole lines into the module's memory, runs the scan in batches of rows and
 * copies each batch's columns out into the reader's.
 */
import { LF, POW10 } from './csv-columns.js';
import { CSV_SCAN_WASM } from './csv-scan-wasm.js';

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

/** Bytes of whole lines copied into the module per scan. */
const INPUT = 1 << 20;
/** Rows a scan writes before its columns are copied out. */
const BATCH = 16_384;
/** The batch columns copied out (ts, open, high, low, close, volume), by FastLayout.keepAll. */
const KEEP_ALL = [0, 1, 2, 3, 4, 5];
const KEEP_OPEN_CLOSE = [0, 1, 4];
/** Field values a row may need (the highest column read + 1); a wider layout takes the general path. */
const MAX_FIELDS = 64;

/** The part of the WebAssembly JS API used here (the build's lib has no DOM types, which declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface Scanner {
  scan: (s: number, end: number, sep: number, width: number, ts: number, o: number, h: number, l: number, c: number, v: number, need: number, maxPrice: number, lastTs: number, room: number) => number;
  lastTaken: () => number;
  bytes: Uint8Array;
  inputAt: number;
  /** The batch columns: ts, open, high, low, close, volume. */
  batch: Float64Array[];
}

let scanner: Scanner | undefined;

/** The module, instantiated once per thread, its memory laid out: powers of ten, a row's values, the batch columns, the input. */
function makeScanner(): Scanner {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(CSV_SCAN_WASM, 'base64')));
  const memory = exports.memory as WasmMemory;
  const powAt = 0;
  const valsAt = powAt + POW10.length * 8;
  const colsAt = valsAt + MAX_FIELDS * 8;
  const inputAt = colsAt + 6 * BATCH * 8;
  memory.grow(Math.ceil((inputAt + INPUT) / 65_536));
  new Float64Array(memory.buffer, powAt, POW10.length).set(POW10);
  (exports.setup as (pow: number, vals: number, cols: number, rows: number) => void)(powAt, valsAt, colsAt, BATCH);
  return {
    scan: exports.scan as Scanner['scan'],
    lastTaken: exports.lastTaken as () => number,
    bytes: new Uint8Array(memory.buffer),
    inputAt,
    batch: Array.from({ length: 6 }, (_, j) => new Float64Array(memory.buffer, colsAt + j * BATCH * 8, BATCH)),
  };
}

/**
 * Reads the complete rows of buf[s, len) while it can; returns the offset after the last row taken
 * and sets `taken` to how many it took. It never reads past the last LF before `len` (an
 * unfinished line: the next read completes it), and stops when the columns are full (the caller
 * grows them through the general path's next row).
 *
 * A number is exact when its digits, read as an integer, stay below 2^53 (each step of
 * mant × 10 + d is then exact, and one division by a power of ten ≤ 10^22 is correctly rounded,
 * as Number() is); the general path reads any other spelling.
 */
export function fastRows(buf: Uint8Array, s: number, len: number, L: FastLayout, sink: FastSink, out: { taken: number }): number {
  const need = Math.max(L.ts, L.open, L.high, L.low, L.close, L.volume) + 1;
  const first = sink.length;
  out.taken = 0;
  if (need > MAX_FIELDS) return s;
  const end = len > s ? buf.lastIndexOf(LF, len - 1) + 1 : 0;
  if (end <= s) return s;
  const sc = (scanner ??= makeScanner());
  const cols = sink.reserve(first);
  const kept = L.keepAll ? KEEP_ALL : KEEP_OPEN_CLOSE;
  const cap = cols[0]!.length;
  let n = first;
  let lastTs = n > 0 ? cols[0]![n - 1]! : Number.NEGATIVE_INFINITY;
  // The first piece is one line: the general path calls again at each line it reads, and a file
  // whose rows all take the general path must not copy a megabyte per row.
  let piece = Math.min(INPUT, buf.indexOf(LF, s) + 1 - s);
  while (s < end && n < cap) {
    // Whole lines that fit the input area; a longer line is the general path's.
    const pieceEnd = end - s <= piece ? end : buf.lastIndexOf(LF, s + piece - 1) + 1;
    if (pieceEnd <= s) break;
    piece = INPUT;
    sc.bytes.set(buf.subarray(s, pieceEnd), sc.inputAt);
    const stop = sc.inputAt + (pieceEnd - s);
    let at = sc.inputAt;
    let refused = false;
    while (at < stop && n < cap) {
      const room = Math.min(BATCH, cap - n);
      const next = sc.scan(at, stop, L.sep, L.width, L.ts, L.open, L.high, L.low, L.close, L.volume, need, L.maxPrice, lastTs, room);
      const got = sc.lastTaken();
      for (const j of kept) cols[j]!.set(sc.batch[j]!.subarray(0, got), n);
      n += got;
      if (got > 0) lastTs = cols[0]![n - 1]!;
      at = next;
      // Fewer rows than room before the end: the row at `next` is not one the scan takes.
      if (got < room && at < stop) {
        refused = true;
        break;
      }
    }
    s += at - sc.inputAt;
    if (refused) break;
  }
  sink.length = n;
  out.taken = n - first;
  return s;
}
