/**
 * A backtest's fills as columns: 43 bytes a fill in typed arrays instead of an object of ~150
 * bytes with boxed numbers, because a minute-bar multi-asset run makes hundreds of thousands of
 * fills (the risk-layer-free comparison ~350,000 on nine pairs of a million bars), and they stay
 * alive until the report is written. `at`, `map` and `toArray` give the fills as objects for
 * what prints them; `tradeFiguresOf` computes the trade statistics the report shows (research/
 * trades.ts tradeStats of tradeList, and exposureTime) straight from the columns, with the same
 * arithmetic in the same order, so the comparison run never makes an object per fill
 * (test/backtest/fill-log.test.ts holds the two to the same bits).
 */
import type { BacktestFill } from './engine.js';

/** What `add` takes: a venue fill as settled, in whole cents. */
export interface SettledFill {
  ts: number;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  feeCents: number;
  notionalCents: number;
}

/** ES2024's resizable ArrayBuffer (Node 20 has it; the project's lib is ES2023). */
type ResizableBuffer = ArrayBuffer & { resize(byteLength: number): void; readonly maxByteLength: number };
const ResizableBuffer = ArrayBuffer as unknown as new (byteLength: number, opts: { maxByteLength: number }) => ResizableBuffer;
type Col = Float64Array | Uint16Array | Uint8Array;
type ColType<A extends Col> = { new (buffer: ArrayBuffer, offset: number, length: number): A; BYTES_PER_ELEMENT: number };

/** Elements a column can grow to in place; past it, growing copies into a new buffer. */
const MAX_IN_PLACE = 1 << 24;

/**
 * A column of n elements in a resizable buffer whose address space is reserved for MAX_IN_PLACE
 * elements, so that growing (`grown`) commits more of the same buffer instead of copying into a new
 * one: a nine-pair minute-bar comparison run's ~350,000 fills touched every outgrown half's fresh
 * pages again (~20 MB) and copied them. Reserved space costs no memory until it is used.
 */
function column<A extends Col>(type: ColType<A>, n: number): A {
  const bytes = n * type.BYTES_PER_ELEMENT;
  return new type(new ResizableBuffer(bytes, { maxByteLength: Math.max(bytes, MAX_IN_PLACE * type.BYTES_PER_ELEMENT) }), 0, n);
}

/** `a` with room for n elements: the same buffer grown when it can be, else a copy (the old buffer shrunk to nothing at once, not left for a major GC). */
function grown<A extends Col>(a: A, n: number): A {
  const type = a.constructor as ColType<A>;
  const buffer = a.buffer as ResizableBuffer;
  const bytes = n * type.BYTES_PER_ELEMENT;
  if (bytes <= buffer.maxByteLength) {
    buffer.resize(bytes);
    return new type(buffer, 0, n);
  }
  const b = column(type, n);
  (b as { set(src: ArrayLike<number>): void }).set(a);
  buffer.resize(0);
  return b;
}

export class FillLog {
  length = 0;
  private ts = column(Float64Array, 256);
  private sym = column(Uint16Array, 256);
  /** 1 buy, 0 sell. */
  private buy = column(Uint8Array, 256);
  private qty = column(Float64Array, 256);
  private price = column(Float64Array, 256);
  private feeCents = column(Float64Array, 256);
  private notionalCents = column(Float64Array, 256);
  private readonly index = new Map<string, number>();

  constructor(readonly symbols: readonly string[]) {
    symbols.forEach((s, j) => this.index.set(s, j));
  }

  add(f: SettledFill): void {
    const j = this.index.get(f.symbol);
    if (j === undefined) throw new Error(`fill for ${f.symbol}, which is not one of the run's symbols ${this.symbols.join(', ')}`);
    if (this.length === this.ts.length) this.grow();
    const k = this.length++;
    this.ts[k] = f.ts;
    this.sym[k] = j;
    this.buy[k] = f.side === 'buy' ? 1 : 0;
    this.qty[k] = f.qty;
    this.price[k] = f.price;
    this.feeCents[k] = f.feeCents;
    this.notionalCents[k] = f.notionalCents;
  }

  private grow(): void {
    const n = this.ts.length * 2;
    this.ts = grown(this.ts, n);
    this.sym = grown(this.sym, n);
    this.buy = grown(this.buy, n);
    this.qty = grown(this.qty, n);
    this.price = grown(this.price, n);
    this.feeCents = grown(this.feeCents, n);
    this.notionalCents = grown(this.notionalCents, n);
  }

  /** Fill k as an object. */
  at(k: number): BacktestFill {
    const feeCents = this.feeCents[k]!;
    return { ts: this.ts[k]!, symbol: this.symbols[this.sym[k]!]!, side: this.buy[k] === 1 ? 'buy' : 'sell', qty: this.qty[k]!, price: this.price[k]!, fee: feeCents / 100, feeCents, notionalCents: this.notionalCents[k]! };
  }

  map<T>(fn: (f: BacktestFill, k: number) => T): T[] {
    const out = new Array<T>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = fn(this.at(k), k);
    return out;
  }

  toArray(): BacktestFill[] {
    return this.map((f) => f);
  }

  *[Symbol.iterator](): IterableIterator<BacktestFill> {
    for (let k = 0; k < this.length; k++) yield this.at(k);
  }

  /**
   * win_rate, profit_factor and closed_trades as tradeStats(tradeList(fills)) gives them, and
   * exposure_time as exposureTime(ts, fills), computed from the columns.
   */
  tradeFigures(barTs: ArrayLike<number>): { win_rate: number | null; profit_factor: number | null; exposure_time: number | null; closed_trades: number } {
    const n = this.symbols.length;
    const posQty = new Float64Array(n);
    const posAvg = new Float64Array(n);
    let closed = 0;
    let wins = 0;
    let gains = 0;
    let lossSum = 0;
    for (let k = 0; k < this.length; k++) {
      const j = this.sym[k]!;
      const qty = this.qty[k]!;
      const price = this.price[k]!;
      const fee = this.feeCents[k]! / 100;
      const signed = this.buy[k] === 1 ? qty : -qty;
      const pq = posQty[j]!;
      const closing = pq !== 0 && Math.sign(signed) !== Math.sign(pq) ? Math.min(qty, Math.abs(pq)) : 0;
      const opening = qty - closing;
      const closeFee = qty > 0 ? (fee * closing) / qty : 0;
      let nextQty = pq;
      let nextAvg = posAvg[j]!;
      if (closing > 0) {
        const realized = Math.round(((price - nextAvg) * closing * Math.sign(pq) - closeFee) * 100) / 100;
        closed++;
        if (realized > 0) {
          wins++;
          gains += realized;
        } else if (realized < 0) lossSum += realized;
        nextQty = pq + Math.sign(signed) * closing;
      }
      if (opening > 0) {
        const openFee = fee - closeFee;
        const dir = Math.sign(signed);
        const cost = Math.abs(nextQty) * nextAvg + opening * price + dir * openFee;
        const q = Math.abs(nextQty) + opening;
        nextQty = dir * q;
        nextAvg = cost / q;
      }
      posQty[j] = nextQty === 0 ? 0 : nextQty;
      posAvg[j] = nextQty === 0 ? 0 : nextAvg;
    }
    const losses = -lossSum;
    return {
      win_rate: closed ? wins / closed : null,
      profit_factor: losses > 0 ? gains / losses : null,
      exposure_time: this.exposureTime(barTs),
      closed_trades: closed,
    };
  }

  /**
   * research/trades.ts exposureTime over the columns, walking the fills instead of the bars: a fill
   * counts from the first bar at or after it (found by binary search), and between fills every bar
   * is held or none is. A daily run of a million bars has thousands of fills.
   */
  private exposureTime(barTs: ArrayLike<number>): number | null {
    const n = barTs.length;
    if (n === 0) return null;
    const held = new Float64Array(this.symbols.length);
    let open = 0;
    // Bars before `bar` are counted.
    let bar = 0;
    let exposed = 0;
    for (let k = 0; k < this.length; k++) {
      // The first bar at or after this fill: bars [bar, at) are held as before it.
      let at = bar;
      let hi = n;
      while (at < hi) {
        const mid = (at + hi) >> 1;
        if (barTs[mid]! < this.ts[k]!) at = mid + 1;
        else hi = mid;
      }
      if (at === n) break;
      if (open > 0) exposed += at - bar;
      bar = at;
      const j = this.sym[k]!;
      const before = held[j]!;
      const after = before + (this.buy[k] === 1 ? this.qty[k]! : -this.qty[k]!);
      const flat = Math.abs(after) < 1e-9;
      held[j] = flat ? 0 : after;
      open += (flat ? 0 : 1) - (before === 0 ? 0 : 1);
    }
    if (open > 0) exposed += n - bar;
    return exposed / n;
  }
}
