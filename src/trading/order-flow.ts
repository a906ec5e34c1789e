/**
 * The order loop every trading path shares: each planned order is gated (market open, spread,
 * ordered risk checks) against the book as the venue's fills have left it, then submitted to the
 * venue under a deterministic client order id; the venue's new fills are pulled after each submit
 * and applied to the book, so the next order is checked against what really happened. Generic over
 * the Venue port: the backtest's simulated venue, the paper venue and live venues take the same path.
 */
import type { OrderRequest, OrderStatus, Venue, VenueFill } from '../core/venue.js';
import { applyFill, realizedPnlCentsOf, type Book } from './paper-broker.js';
import { gateOrder, type GateInputs, type Skipped } from './execute.js';
import type { PlannedOrder } from './sizing.js';

/** A venue fill with what the book made of it. */
export interface BookedFill extends VenueFill {
  realizedPnlCents: number;
}

/** Where the caller's reading of the venue's fills stands. */
export interface FillFeed {
  cursor: string | undefined;
}

/**
 * Pull the venue's fills since the feed's cursor and apply those `accept` takes to the book (in
 * venue order), calling `onFill` for each before the next one, so a ledger write precedes the book.
 */
export async function pullFills(venue: Venue, feed: FillFeed, book: Book, accept: (f: VenueFill) => boolean, onFill?: (f: BookedFill) => void): Promise<{ book: Book; fills: BookedFill[] }> {
  const got = await venue.fillsSince(feed.cursor);
  feed.cursor = got.cursor;
  const fills: BookedFill[] = [];
  for (const f of got.fills) {
    if (!accept(f)) continue;
    const booked = { ...f, realizedPnlCents: realizedPnlCentsOf(book, f) };
    onFill?.(booked);
    book = applyFill(book, f);
    fills.push(booked);
  }
  return { book, fills };
}

export interface OrderHooks {
  /** The order's idempotency key: the same planned order at the same market time gets the same id. */
  clientOrderId(o: PlannedOrder): string;
  /** Called before the order leaves (the intent journal records it here). */
  beforeSubmit?(req: OrderRequest, o: PlannedOrder): void;
  /** Which venue fills belong to the caller (default: all). */
  accept?(f: VenueFill): boolean;
  onFill?(f: BookedFill): void;
}

export interface OrderRun {
  book: Book;
  fills: BookedFill[];
  skipped: Skipped[];
  /** The venue's answer to each submitted order, in order (pending ones are reconciled later). */
  submitted: { order: PlannedOrder; status: OrderStatus }[];
}

/** `gate` undefined: no pre-trade gate (the backtest's all-in comparison convention only). */
export async function submitPlanned(venue: Venue, orders: readonly PlannedOrder[], book: Book, gate: GateInputs | undefined, feed: FillFeed, hooks: OrderHooks): Promise<OrderRun> {
  const run: OrderRun = { book, fills: [], skipped: [], submitted: [] };
  const accept = hooks.accept ?? (() => true);
  for (const o of orders) {
    const skip = gate && gateOrder(o, run.book, gate);
    if (skip) {
      run.skipped.push(skip);
      continue;
    }
    const req: OrderRequest = { clientOrderId: hooks.clientOrderId(o), symbol: o.symbol, side: o.side, qty: o.qty, type: 'market' };
    hooks.beforeSubmit?.(req, o);
    const status = await venue.submit(req);
    run.submitted.push({ order: o, status });
    if (status.state === 'rejected' || status.state === 'canceled' || status.state === 'expired') {
      run.skipped.push({ order: o, reason: status.code ?? status.state.toUpperCase(), detail: status.detail ?? `the venue answered ${status.state}` });
    }
    const pulled = await pullFills(venue, feed, run.book, accept, hooks.onFill);
    run.book = pulled.book;
    run.fills.push(...pulled.fills);
  }
  return run;
}
