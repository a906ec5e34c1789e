/**
 * The CSV reader's inner loop: bytes in, typed columns out. Chunks are scanned byte by byte for
 * line ends and separators; each field is trimmed and unquoted in place and parsed straight from
 * the bytes into Float64Array columns that grow by doubling, so a million-row file makes no string
 * or object per row. Plain decimals ("123.4567", "-2208988800") take the exact fast path (an
 * integer below 2^53 divided by a power of ten ≤ 10^22 is correctly rounded, as Number() is); any
 * other spelling (exponents, long mantissas, ISO date-times) falls back to decoding that one field.
 * What a field means, the header and the checks live in csv-history.ts, which drives this.
 */

/**
 * Byte codes and exact-decimal bounds of the column readers. csv-fast.ts's scanner takes LF and the
 * powers of ten from here; its WebAssembly loop (wasm/csv-scan.ts) keeps its own copies of the rest.
 */
const CR = 0x0d;
export const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;

export const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT = 2 ** 53;

/**
 * A growable Float64Array. A `releasable` column (a ColumnPool's) keeps its values in a resizable
 * ArrayBuffer that `release` shrinks to nothing, which hands the memory back at once: a plain
 * buffer is freed only when a major garbage collection finds it dead, and a backtest's churn runs
 * on minor collections, so nine files' reading columns (~50 MB) stayed resident through the run.
 */
/** ES2024's resizable ArrayBuffer (Node 20 has it; the project's lib is ES2023). */
type ResizableBuffer = ArrayBuffer & { resize(byteLength: number): void };
const ResizableBuffer = ArrayBuffer as unknown as new (byteLength: number, opts: { maxByteLength: number }) => ResizableBuffer;

export class Column {
  data: Float64Array;
  length = 0;
  private buffer: ResizableBuffer | undefined;
  constructor(
    capacity: number,
    private readonly releasable = false,
  ) {
    this.data = this.alloc(Math.max(16, capacity));
  }
  private alloc(n: number): Float64Array {
    if (!this.releasable) return new Float64Array(n);
    this.buffer = new ResizableBuffer(n * 8, { maxByteLength: n * 8 });
    return new Float64Array(this.buffer, 0, n);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const old = this.buffer;
      const next = this.alloc(this.data.length * 2);
      next.set(this.data);
      this.data = next;
      old?.resize(0);
    }
    this.data[this.length++] = v;
  }
  /** The filled part; a copy only when the spare capacity is worth freeing. */
  done(): Float64Array {
    return this.data.length - this.length > this.data.length / 8 ? this.data.slice(0, this.length) : this.data.subarray(0, this.length);
  }
  /** Frees a releasable column's memory now; every view of it (`data`, `done()`) is then empty. */
  release(): void {
    this.buffer?.resize(0);
    this.buffer = undefined;
    this.data = new Float64Array(0);
    this.length = 0;
  }
}

/** Field boundaries of the current line: start and end offsets into the line's buffer, trimmed and unquoted. */
export class Fields {
  starts: number[] = [];
  ends: number[] = [];
  count = 0;
  buf: Uint8Array = new Uint8Array(0);

  /** Split bytes [from, to) of `buf` at `sep`. */
  split(buf: Uint8Array, from: number, to: number, sep: number): void {
    this.buf = buf;
    this.count = 0;
    let s = from;
    for (let i = from; i <= to; i++) {
      if (i === to || buf[i] === sep) {
        this.add(s, i);
        s = i + 1;
      }
    }
  }

  private add(from: number, to: number): void {
    const b = this.buf;
    let a = from;
    let z = to;
    while (a < z && (b[a] === SPACE || b[a] === TAB)) a++;
    while (z > a && (b[z - 1] === SPACE || b[z - 1] === TAB)) z--;
    if (z - a >= 2 && b[a] === QUOTE && b[z - 1] === QUOTE) {
      a++;
      z--;
      while (a < z && (b[a] === SPACE || b[a] === TAB)) a++;
      while (z > a && (b[z - 1] === SPACE || b[z - 1] === TAB)) z--;
    }
    this.starts[this.count] = a;
    this.ends[this.count] = z;
    this.count++;
  }

  text(k: number): string {
    return k < this.count ? decode(this.buf, this.starts[k]!, this.ends[k]!) : '';
  }

  /** The field as a number like Number(text) (NaN for an empty field). */
  number(k: number): number {
    if (k >= this.count) return Number.NaN;
    const fast = plainDecimal(this.buf, this.starts[k]!, this.ends[k]!);
    if (!Number.isNaN(fast)) return fast;
    const t = this.text(k);
    return t === '' ? Number.NaN : Number(t);
  }

  /** A field of digits only (with an optional sign), as an integer; NaN otherwise. */
  integer(k: number): number {
    if (k >= this.count) return Number.NaN;
    const b = this.buf;
    let i = this.starts[k]!;
    const end = this.ends[k]!;
    let neg = false;
    if (b[i] === MINUS) {
      neg = true;
      i++;
    }
    if (i === end || end - i > 15) return Number.NaN;
    let n = 0;
    for (; i < end; i++) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) return Number.NaN;
      n = n * 10 + d;
    }
    return neg ? -n : n;
  }

  /** Epoch ms of a YYYY-MM-DD field that names a real calendar day; NaN for anything else. */
  isoDay(k: number): number {
    if (k >= this.count || this.ends[k]! - this.starts[k]! !== 10) return Number.NaN;
    return isoDayAt(this.buf, this.starts[k]!);
  }
}

/** Epoch ms of the 10 bytes at `s` when they are a YYYY-MM-DD naming a real calendar day; else NaN. */
function isoDayAt(b: Uint8Array, s: number): number {
  if (b[s + 4] !== MINUS || b[s + 7] !== MINUS) return Number.NaN;
  const y = digits(b, s, 4);
  const m = digits(b, s + 5, 2);
  const d = digits(b, s + 8, 2);
  // Date.UTC reads years 0-99 as 1900-1999: those take the slow path.
  if (Number.isNaN(y + m + d) || y < 100 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return Number.NaN;
  return Date.UTC(y, m - 1, d);
}

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** [+-]digits[.digits] with at most 15 significant digits, exactly as Number() reads it; else NaN. */
function plainDecimal(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (b[i] === MINUS || b[i] === PLUS) {
    neg = b[i] === MINUS;
    i++;
  }
  let mant = 0;
  let nd = 0;
  let frac = 0;
  let seenDot = false;
  let any = false;
  for (; i < to; i++) {
    const c = b[i]!;
    if (c === DOT) {
      if (seenDot) return Number.NaN;
      seenDot = true;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    any = true;
    if (mant === 0 && d === 0) {
      if (seenDot) frac++;
      continue;
    }
    if (++nd > 15) return Number.NaN;
    mant = mant * 10 + d;
    if (seenDot) frac++;
  }
  if (!any || mant >= MAX_EXACT || frac > 22) return Number.NaN;
  const v = frac === 0 ? mant : mant / POW10[frac]!;
  return neg ? -v : v;
}

/** Bytes [from, to) as UTF-8 text. */
export function decode(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8');
}

/**
 * Splits bytes into lines, calling `onLine(buf, from, to, lineNo)` for each with the line end (LF,
 * or CRLF) excluded and a leading UTF-8 BOM skipped. `feed` takes the bytes read so far and returns
 * where the unfinished last line starts, so the reader moves that tail to the front of its buffer
 * and reads on after it: no copy of the stream is ever made.
 */
export class LineSplitter {
  private lineNo = 0;
  private started = false;

  /**
   * Optional bulk reader tried before each line: reads complete lines from an offset while it can
   * and returns the offset after them and how many it read (csv-fast.ts).
   */
  fast: ((buf: Uint8Array, from: number, len: number) => { next: number; lines: number }) | undefined;

  constructor(private readonly onLine: (buf: Uint8Array, from: number, to: number, lineNo: number) => void) {}

  /** Emits the complete lines of buf[0, len) (all of them when `final`); returns the offset of the rest. */
  feed(buf: Uint8Array, len: number, final: boolean): number {
    let s = 0;
    if (!this.started && (len >= 3 || final)) {
      this.started = true;
      if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) s = 3;
    }
    for (;;) {
      if (this.fast) {
        const r = this.fast(buf, s, len);
        s = r.next;
        this.lineNo += r.lines;
      }
      const nl = buf.indexOf(LF, s);
      if (nl < 0 || nl >= len) break;
      this.emit(buf, s, nl);
      s = nl + 1;
    }
    if (final && s < len) {
      this.emit(buf, s, len);
      s = len;
    }
    return s;
  }

  private emit(buf: Uint8Array, from: number, to: number): void {
    this.lineNo++;
    this.onLine(buf, from, to > from && buf[to - 1] === CR ? to - 1 : to, this.lineNo);
  }
}

/** Whether bytes [from, to) hold only spaces and tabs (a blank line). */
export function blank(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== SPACE && b[i] !== TAB) return false;
  return true;
}
