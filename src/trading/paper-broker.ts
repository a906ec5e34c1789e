/**
 * The paper broker, pure: market orders fill at the touch (buy at the ask, sell at the bid) moved
 * by slippage that grows with size, pay a fee in basis points of notional, and update cash (in
 * integer cents), positions (average price) and realised P&L. An order that breaks a hard limit is
 * rejected with a code from a closed union and changes nothing. Long-only: no shorting, no margin.
 */
import type { Instrument, Quote } from '../market/types.js';

export type BrokerRejectCode = 'INVALID_QTY' | 'INVALID_LIMIT' | 'LOT_SIZE' | 'MARKET_CLOSED' | 'NOTIONAL_EXCEEDS_MAX_PER_ORDER' | 'INSUFFICIENT_CASH' | 'INSUFFICIENT_POSITION' | 'LIMIT_NOT_MARKETABLE';

export interface Book {
  cashCents: number;
  positions: Record<string, { qty: number; avgPrice: number }>;
  realizedPnl: number;
  feesPaid: number;
}

export interface MarketOrder {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
}

export interface Costs {
  /** Overrides the instrument's fee (bps of notional). */
  feeBps?: number;
  /** Slippage beyond the touch: base bps plus bps per $100k of notional. */
  slippageBps: number;
  slippageBpsPer100k: number;
}

export const DEFAULT_COSTS: Costs = { slippageBps: 0.5, slippageBpsPer100k: 1 };

export interface Fill {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
  notional: number;
  realizedPnl: number;
}

export type FillResult = { ok: true; book: Book; fill: Fill } | { ok: false; code: BrokerRejectCode; detail: string };

const toCents = (usd: number): number => Math.round(usd * 100);

export function emptyBook(cashUsd: number): Book {
  return { cashCents: toCents(cashUsd), positions: {}, realizedPnl: 0, feesPaid: 0 };
}

/** The price a market order of this size would get: the touch plus size-dependent slippage. */
export function fillPrice(side: 'buy' | 'sell', qty: number, quote: Pick<Quote, 'bid' | 'ask'>, costs: Costs = DEFAULT_COSTS): number {
  const touch = side === 'buy' ? quote.ask : quote.bid;
  const bps = costs.slippageBps + costs.slippageBpsPer100k * ((qty * touch) / 100_000);
  return side === 'buy' ? touch * (1 + bps / 10_000) : touch * (1 - bps / 10_000);
}

function isLotMultiple(qty: number, lot: number): boolean {
  const n = qty / lot;
  return Math.abs(n - Math.round(n)) < 1e-9;
}

export function fillMarketOrder(book: Book, order: MarketOrder, quote: Quote, inst: Instrument, maxNotional: number, costs: Costs = DEFAULT_COSTS): FillResult {
  if (!(order.qty > 0) || !Number.isFinite(order.qty)) return { ok: false, code: 'INVALID_QTY', detail: `qty ${order.qty} must be a finite number > 0` };
  if (!isLotMultiple(order.qty, inst.lotSize)) return { ok: false, code: 'LOT_SIZE', detail: `qty ${order.qty} is not a multiple of the lot size ${inst.lotSize}` };
  if (!quote.open) return { ok: false, code: 'MARKET_CLOSED', detail: `${order.symbol} is not trading at ${new Date(quote.ts).toISOString()}` };
  const price = fillPrice(order.side, order.qty, quote, costs);
  const notional = order.qty * price;
  if (notional > maxNotional) return { ok: false, code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER', detail: `notional ${notional.toFixed(2)} exceeds the cap ${maxNotional}` };
  const fee = Math.round((notional * (costs.feeBps ?? inst.feeBps)) / 100) / 100;
  const pos = book.positions[order.symbol] ?? { qty: 0, avgPrice: 0 };
  if (order.side === 'buy' && toCents(notional) + toCents(fee) > book.cashCents) {
    return { ok: false, code: 'INSUFFICIENT_CASH', detail: `needs ${(notional + fee).toFixed(2)}, has ${(book.cashCents / 100).toFixed(2)}` };
  }
  if (order.side === 'sell' && order.qty > pos.qty + 1e-12) return { ok: false, code: 'INSUFFICIENT_POSITION', detail: `sells ${order.qty} but holds ${pos.qty}` };
  const realizedPnl = order.side === 'sell' ? (price - pos.avgPrice) * order.qty : 0;
  const fill: Fill = { symbol: order.symbol, side: order.side, qty: order.qty, price, fee, notional, realizedPnl };
  return { ok: true, book: applyFill(book, fill), fill };
}

/** The book after a fill (pure). Also used to replay fills from the ledger after a crash. */
export function applyFill(book: Book, fill: Pick<Fill, 'symbol' | 'side' | 'qty' | 'price' | 'fee'>): Book {
  const pos = book.positions[fill.symbol] ?? { qty: 0, avgPrice: 0 };
  const positions = { ...book.positions };
  const notionalCents = toCents(fill.qty * fill.price);
  const feeCents = toCents(fill.fee);
  if (fill.side === 'buy') {
    const qty = pos.qty + fill.qty;
    positions[fill.symbol] = { qty, avgPrice: (pos.qty * pos.avgPrice + fill.qty * fill.price) / qty };
    return { cashCents: book.cashCents - notionalCents - feeCents, positions, realizedPnl: book.realizedPnl, feesPaid: book.feesPaid + fill.fee };
  }
  const realized = (fill.price - pos.avgPrice) * fill.qty;
  const qty = pos.qty - fill.qty;
  if (qty <= 1e-12) delete positions[fill.symbol];
  else positions[fill.symbol] = { qty, avgPrice: pos.avgPrice };
  return { cashCents: book.cashCents + notionalCents - feeCents, positions, realizedPnl: book.realizedPnl + realized, feesPaid: book.feesPaid + fill.fee };
}

export interface LimitOrder extends MarketOrder {
  limitPrice: number;
}

/**
 * A limit order, immediate-or-cancel: it fills at the touch (with slippage) when that price is
 * within the limit, and is cancelled otherwise — the paper venue keeps no resting book, so a
 * strategy that wants to wait re-submits on its next tick.
 */
export function fillLimitOrder(book: Book, order: LimitOrder, quote: Quote, inst: Instrument, maxNotional: number, costs: Costs = DEFAULT_COSTS): FillResult {
  if (!(order.limitPrice > 0) || !Number.isFinite(order.limitPrice)) return { ok: false, code: 'INVALID_LIMIT', detail: `limit price ${order.limitPrice} must be a finite number > 0` };
  if (quote.open && order.qty > 0) {
    const price = fillPrice(order.side, order.qty, quote, costs);
    const marketable = order.side === 'buy' ? price <= order.limitPrice : price >= order.limitPrice;
    if (!marketable) return { ok: false, code: 'LIMIT_NOT_MARKETABLE', detail: `${order.side} limit ${order.limitPrice} vs executable ${price.toFixed(6)}: cancelled (immediate-or-cancel)` };
  }
  return fillMarketOrder(book, order, quote, inst, maxNotional, costs);
}

/** Cash plus positions marked at `marks` (mid prices); positions without a mark count at cost. */
export function equityOf(book: Book, marks: Readonly<Record<string, number>>): number {
  let v = book.cashCents / 100;
  for (const [s, p] of Object.entries(book.positions)) v += p.qty * (marks[s] ?? p.avgPrice);
  return v;
}
