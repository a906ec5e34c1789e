/**
 * The trade list of a run with each fill's realised P&L, by average-cost accounting: a fill that
 * opens or adds to a position folds its fee into the average cost and realises nothing; a fill
 * that reduces it realises (price − average cost) × quantity closed, signed by the side held,
 * minus its own fee. So a round trip's realised P&L sums to its net result after every fee.
 * A fill that crosses zero closes first and opens the rest at its price (its fee split pro rata).
 * Realised P&L is money: rounded to cents, half up. (The broker may supply it later; until then
 * this replays the engine's fills.)
 */
import { isoTime } from '../core/clock.js';

export interface Fill {
  ts: number;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
  reason?: string;
}

export interface TradeRow {
  time: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  fee: number;
  /** null for a fill that only opens or adds to a position. */
  realized_pnl: number | null;
  reason: string;
}

export interface TradeStats {
  /** Fills that closed (part of) a position. */
  closed_trades: number;
  /** Share of closing fills with a realised P&L > 0; null without a closing fill. */
  win_rate: number | null;
  /** Gross realised profit over gross realised loss; null without a losing (or any closing) fill. */
  profit_factor: number | null;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** An array of fills, or anything that maps them in order (the backtest's fill columns: no array of fill objects first). */
export interface Fills {
  map<T>(fn: (f: Fill) => T): T[];
}

export function tradeList(fills: Fills, defaultReason: string): TradeRow[] {
  const held = new Map<string, { qty: number; avg: number }>();
  return fills.map((f) => {
    const pos = held.get(f.symbol) ?? { qty: 0, avg: 0 };
    const signed = f.side === 'buy' ? f.qty : -f.qty;
    const closing = pos.qty !== 0 && Math.sign(signed) !== Math.sign(pos.qty) ? Math.min(f.qty, Math.abs(pos.qty)) : 0;
    const opening = f.qty - closing;
    const closeFee = f.qty > 0 ? (f.fee * closing) / f.qty : 0;
    let realized: number | null = null;
    let next = pos;
    if (closing > 0) {
      realized = cents((f.price - pos.avg) * closing * Math.sign(pos.qty) - closeFee);
      next = { qty: pos.qty + Math.sign(signed) * closing, avg: pos.avg };
    }
    if (opening > 0) {
      const openFee = f.fee - closeFee;
      const dir = Math.sign(signed);
      // The fee raises a long's cost and lowers a short's entry: both make the exit harder.
      const cost = Math.abs(next.qty) * next.avg + opening * f.price + dir * openFee;
      const qty = Math.abs(next.qty) + opening;
      next = { qty: dir * qty, avg: cost / qty };
    }
    held.set(f.symbol, next.qty === 0 ? { qty: 0, avg: 0 } : next);
    return { time: isoTime(f.ts), symbol: f.symbol, side: f.side, quantity: f.qty, price: f.price, fee: f.fee, realized_pnl: realized, reason: f.reason ?? defaultReason };
  });
}

export function tradeStats(trades: readonly TradeRow[]): TradeStats {
  const closed = trades.flatMap((t) => (t.realized_pnl === null ? [] : [t.realized_pnl]));
  const gains = closed.filter((p) => p > 0).reduce((a, p) => a + p, 0);
  const losses = -closed.filter((p) => p < 0).reduce((a, p) => a + p, 0);
  return {
    closed_trades: closed.length,
    win_rate: closed.length ? closed.filter((p) => p > 0).length / closed.length : null,
    profit_factor: losses > 0 ? gains / losses : null,
  };
}

/**
 * Share of bars after which the book holds a position (fills at a bar count from that bar on).
 * `ts` are the bars' times, ascending; fills are in time order.
 */
export function exposureTime(ts: ArrayLike<number>, fills: readonly Fill[]): number | null {
  if (ts.length === 0) return null;
  const held = new Map<string, number>();
  let open = 0;
  let k = 0;
  let exposed = 0;
  for (let i = 0; i < ts.length; i++) {
    for (; k < fills.length && fills[k]!.ts <= ts[i]!; k++) {
      const f = fills[k]!;
      const before = held.get(f.symbol) ?? 0;
      const after = before + (f.side === 'buy' ? f.qty : -f.qty);
      // Float sums of partial fills may leave dust; a billionth of a unit is flat.
      const flat = Math.abs(after) < 1e-9;
      held.set(f.symbol, flat ? 0 : after);
      open += (flat ? 0 : 1) - (before === 0 ? 0 : 1);
    }
    if (open > 0) exposed++;
  }
  return exposed / ts.length;
}
