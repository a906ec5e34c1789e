/**
 * The paper broker's fill rule, pure — the one fill rule of every simulated venue: market orders
 * fill at the touch (buy at the ask, sell at the bid) moved by slippage that grows with size, pay
 * a fee in basis points of notional, and update cash, positions (average price) and realised P&L.
 * Each fill's notional and fee settle in whole cents (round half up), and the book accounts money
 * in integer cents only. An order that breaks a hard limit is rejected with a code from a closed
 * union and changes nothing. Long-only: no shorting, no margin.
 */
import { feeCentsOf, toCents } from '../core/venue.js';
import type { Instrument, Quote } from '../core/market.js';
import { lotsQty } from '../market/instruments.js';

export type BrokerRejectCode = 'INVALID_QTY' | 'INVALID_LIMIT' | 'LOT_SIZE' | 'MARKET_CLOSED' | 'NOTIONAL_EXCEEDS_MAX_PER_ORDER' | 'INSUFFICIENT_CASH' | 'INSUFFICIENT_POSITION' | 'LIMIT_NOT_MARKETABLE';

export interface Book {
  cashCents: number;
  positions: Record<string, { qty: number; avgPrice: number }>;
  realizedPnlCents: number;
  feesPaidCents: number;
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

/** A fill as the book sees it: the venue's price and quantity, money in whole cents. */
export interface Fill {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  notionalCents: number;
  feeCents: number;
}

export type FillResult = { ok: true; book: Book; fill: Fill; realizedPnlCents: number } | { ok: false; code: BrokerRejectCode; detail: string };

export function emptyBook(cashUsd: number): Book {
  return { cashCents: toCents(cashUsd), positions: {}, realizedPnlCents: 0, feesPaidCents: 0 };
}

/** Notional and fee of `qty` at `price`, each in whole cents, as every fill settles them. */
export function settle(qty: number, price: number, feeBps: number): { notionalCents: number; feeCents: number } {
  const notionalCents = toCents(qty * price);
  return { notionalCents, feeCents: feeCentsOf(notionalCents, feeBps) };
}

/** The price a market order of this size would get: the touch plus size-dependent slippage. */
export function fillPrice(side: 'buy' | 'sell', qty: number, quote: Pick<Quote, 'bid' | 'ask'>, costs: Costs = DEFAULT_COSTS): number {
  const touch = side === 'buy' ? quote.ask : quote.bid;
  const bps = costs.slippageBps + costs.slippageBpsPer100k * ((qty * touch) / 100_000);
  return side === 'buy' ? touch * (1 + bps / 10_000) : touch * (1 - bps / 10_000);
}

/**
 * Whether `qty` is a whole number of lots, to the precision a double holds it: qty / lot of a
 * valid quantity is off a whole number by a few units in the last place, a relative error of
 * ~3e-16, so the tolerance is relative (and 1e-9 of a lot for small counts). An absolute 1e-9
 * refused valid orders once they came to ~10^7 lots: 4526.22708 units of a 1e-5 lot is
 * 452622707.99999994 lots as a double, and 10-15 % of the universe's bitcoin orders (lot 1e-8) and
 * half of a freqtrade pair's (1e-5) were refused as LOT_SIZE. A quantity with a digit past its lot
 * is still refused: it is off by a tenth of a lot or more.
 */
function isLotMultiple(qty: number, lot: number): boolean {
  const n = qty / lot;
  return Math.abs(n - Math.round(n)) < Math.max(1e-9, Math.abs(n) * 1e-12);
}

export function fillMarketOrder(book: Book, order: MarketOrder, quote: Quote, inst: Instrument, maxNotional: number, costs: Costs = DEFAULT_COSTS): FillResult {
  if (!(order.qty > 0) || !Number.isFinite(order.qty)) return { ok: false, code: 'INVALID_QTY', detail: `qty ${order.qty} must be a finite number > 0` };
  if (!isLotMultiple(order.qty, inst.lotSize)) return { ok: false, code: 'LOT_SIZE', detail: `qty ${order.qty} is not a multiple of the lot size ${inst.lotSize}` };
  if (!quote.open) return { ok: false, code: 'MARKET_CLOSED', detail: `${order.symbol} is not trading at ${new Date(quote.ts).toISOString()}` };
  const price = fillPrice(order.side, order.qty, quote, costs);
  const { notionalCents, feeCents } = settle(order.qty, price, costs.feeBps ?? inst.feeBps);
  if (notionalCents > maxNotional * 100) return { ok: false, code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER', detail: `notional ${(notionalCents / 100).toFixed(2)} exceeds the cap ${maxNotional}` };
  const pos = book.positions[order.symbol] ?? { qty: 0, avgPrice: 0 };
  if (order.side === 'buy' && notionalCents + feeCents > book.cashCents) {
    return { ok: false, code: 'INSUFFICIENT_CASH', detail: `needs ${((notionalCents + feeCents) / 100).toFixed(2)}, has ${(book.cashCents / 100).toFixed(2)}` };
  }
  if (order.side === 'sell' && order.qty > pos.qty + 1e-12) return { ok: false, code: 'INSUFFICIENT_POSITION', detail: `sells ${order.qty} but holds ${pos.qty}` };
  const fill: Fill = { symbol: order.symbol, side: order.side, qty: order.qty, price, notionalCents, feeCents };
  return { ok: true, book: applyFill(book, fill), fill, realizedPnlCents: realizedPnlCentsOf(book, fill) };
}

/** Realised P&L of a fill against the book's average price, in whole cents (0 for a buy). */
export function realizedPnlCentsOf(book: Book, fill: Pick<Fill, 'symbol' | 'side' | 'qty' | 'price'>): number {
  if (fill.side === 'buy') return 0;
  const pos = book.positions[fill.symbol] ?? { qty: 0, avgPrice: 0 };
  return toCents((fill.price - pos.avgPrice) * fill.qty);
}

/** A fill as the ledger (state/pnl_history.csv) records it, for replay: dollars back to the cents they were settled in. */
export function fillOfRow(r: { symbol: string; side: 'buy' | 'sell'; qty: number; price: number; notional: number; fee: number }): Fill {
  return { symbol: r.symbol, side: r.side, qty: r.qty, price: r.price, notionalCents: toCents(r.notional), feeCents: toCents(r.fee) };
}

/**
 * The last fill applied and the book it made. A simulated venue and the order loop that reads its
 * fills (the backtest's) apply each fill to the same book one after the other: the second gets the
 * first's book back instead of another copy (books are never changed in place).
 */
const last = { book: undefined as Book | undefined, after: undefined as Book | undefined, symbol: '', side: '', qty: 0, price: 0, notionalCents: 0, feeCents: 0 };

/** The book after a fill (pure). Also used to replay fills from the ledger after a crash. */
export function applyFill(book: Book, fill: Fill): Book {
  if (
    book === last.book &&
    fill.symbol === last.symbol &&
    fill.side === last.side &&
    Object.is(fill.qty, last.qty) &&
    Object.is(fill.price, last.price) &&
    Object.is(fill.notionalCents, last.notionalCents) &&
    Object.is(fill.feeCents, last.feeCents)
  ) {
    return last.after!;
  }
  const after = bookAfter(book, fill);
  last.book = book;
  last.after = after;
  last.symbol = fill.symbol;
  last.side = fill.side;
  last.qty = fill.qty;
  last.price = fill.price;
  last.notionalCents = fill.notionalCents;
  last.feeCents = fill.feeCents;
  return after;
}

function bookAfter(book: Book, fill: Fill): Book {
  const pos = book.positions[fill.symbol] ?? { qty: 0, avgPrice: 0 };
  const feesPaidCents = book.feesPaidCents + fill.feeCents;
  if (fill.side === 'buy') {
    const qty = pos.qty + fill.qty;
    const positions = { ...book.positions };
    positions[fill.symbol] = { qty, avgPrice: (pos.qty * pos.avgPrice + fill.qty * fill.price) / qty };
    return { cashCents: book.cashCents - fill.notionalCents - fill.feeCents, positions, realizedPnlCents: book.realizedPnlCents, feesPaidCents };
  }
  const realized = realizedPnlCentsOf(book, fill);
  const qty = pos.qty - fill.qty;
  const positions = qty <= 1e-12 ? without(book.positions, fill.symbol) : { ...book.positions };
  if (qty > 1e-12) positions[fill.symbol] = { qty, avgPrice: pos.avgPrice };
  return { cashCents: book.cashCents + fill.notionalCents - fill.feeCents, positions, realizedPnlCents: book.realizedPnlCents + realized, feesPaidCents };
}

/**
 * A copy of `positions` without `symbol`, the others in their order. Not a spread and `delete`:
 * V8 turns an object it deletes from into a hash table, and every later copy, lookup and
 * iteration of the book (several per order in a backtest) then goes the slow way.
 */
function without(positions: Book['positions'], symbol: string): Book['positions'] {
  const out: Book['positions'] = {};
  for (const s in positions) if (s !== symbol) out[s] = positions[s]!;
  return out;
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

/**
 * All-in sizing: the largest whole number of lots (shares for an equity, a crypto pair's or coin's
 * smallest unit) whose notional plus fee, each settled in cents as the fill will settle them, fits
 * in the cash, so a buy never leaves cash below zero. In whole units, $10,000 bought no bitcoin at
 * $60,000 and an all-in crypto backtest made no trade at all. The cost grows with the quantity, so
 * the largest fitting count is searched from the estimate outwards and then halved in on: a few
 * dozen costings even for 10^9 lots, where stepping one lot at a time from the estimate could take
 * millions once slippage grows with size.
 */
export function allInQty(cashCents: number, quote: Quote, inst: Instrument, costs: Costs = DEFAULT_COSTS): number {
  const feeBps = costs.feeBps ?? inst.feeBps;
  const lot = inst.lotSize;
  const cost = (n: number): number => {
    const q = lotsQty(inst, n);
    const s = settle(q, fillPrice('buy', q, quote, costs), feeBps);
    return s.notionalCents + s.feeCents;
  };
  const estimate = fillPrice('buy', lot, quote, costs) * lot * 100 * (1 + feeBps / 10_000);
  if (!(estimate > 0) || cashCents <= 0) return 0;
  const guess = Math.floor(cashCents / estimate);
  // cost(fits) fits in the cash (0 lots always do) and cost(over) does not.
  let fits = 0;
  let over: number;
  if (guess > 0 && cost(guess) > cashCents) {
    over = guess;
    let step = 1;
    while (over - step > 0 && cost(over - step) > cashCents) {
      over -= step;
      step *= 2;
    }
    fits = Math.max(0, over - step);
  } else {
    if (guess > 0) fits = guess;
    let step = 1;
    while (cost(fits + step) <= cashCents) {
      fits += step;
      step *= 2;
    }
    over = fits + step;
  }
  while (over - fits > 1) {
    const mid = Math.floor((fits + over) / 2);
    if (cost(mid) <= cashCents) fits = mid;
    else over = mid;
  }
  return lotsQty(inst, fits);
}

/** Cash plus positions marked at `marks` (mid prices); positions without a mark count at cost. */
export function equityOf(book: Book, marks: Readonly<Record<string, number>>): number {
  let v = book.cashCents / 100;
  // for-in, not entries or keys: no array per call on a path that runs several times per order.
  const positions = book.positions;
  for (const s in positions) {
    const p = positions[s]!;
    v += p.qty * (marks[s] ?? p.avgPrice);
  }
  return v;
}
