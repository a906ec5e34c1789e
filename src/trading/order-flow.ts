/**
 * The order loop every trading path shares: each planned order is gated (market open, spread,
 * ordered risk checks) against the book as the venue's fills have left it, then submitted to the
 * venue under a deterministic client order id; the venue's new fills are pulled after each submit
 * and applied to the book, so the next order is checked against what really happened.
 *
 * Written once over `OrderSink` — the two Venue methods it uses, answered now or later: a Venue
 * (paper, live) answers with promises, and the loop continues when they settle; the backtest hands
 * it the same paper venue's synchronous entry points (`submitNow`, `fillsSinceNow`) and the whole
 * loop runs without a promise, so its bar loop stays synchronous.
 */
import type { OrderRequest, OrderStatus, Venue, VenueFill } from '../core/venue.js';
import { applyFill, realizedPnlCentsOf, type Book } from './paper-broker.js';
import { gateOrder, marksOf, type GateInputs, type Skipped } from './execute.js';
import type { PlannedOrder } from './sizing.js';

type Maybe<T> = T | Promise<T>;
type FillsPage = Awaited<ReturnType<Venue['fillsSince']>>;

/** What the order loop needs of a venue; every Venue is one. */
export interface OrderSink {
  submit(order: OrderRequest): Maybe<OrderStatus>;
  fillsSince(cursor: string | undefined): Maybe<FillsPage>;
}

/** `f` of `x`, now when `x` is a value, once it settles when it is a promise. */
function then<A, B>(x: Maybe<A>, f: (a: A) => Maybe<B>): Maybe<B> {
  return x instanceof Promise ? x.then(f) : f(x);
}

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
export function pullFills(venue: OrderSink, feed: FillFeed, book: Book, accept: (f: VenueFill) => boolean, onFill?: (f: BookedFill) => void): Maybe<{ book: Book; fills: BookedFill[] }> {
  return then(venue.fillsSince(feed.cursor), (got) => {
    feed.cursor = got.cursor;
    const fills: BookedFill[] = [];
    for (const f of got.fills) {
      if (!accept(f)) continue;
      const booked: BookedFill = { fillId: f.fillId, clientOrderId: f.clientOrderId, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, notionalCents: f.notionalCents, feeCents: f.feeCents, ts: f.ts, realizedPnlCents: realizedPnlCentsOf(book, f) };
      onFill?.(booked);
      book = applyFill(book, f);
      fills.push(booked);
    }
    return { book, fills };
  });
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

const acceptAll = (): boolean => true;

/**
 * Gate and submit `orders` in order; a promise only when the sink answers with one. `gate`
 * undefined: no pre-trade gate (the backtest's all-in comparison convention only).
 */
export function submitPlanned(venue: OrderSink, orders: readonly PlannedOrder[], book: Book, gate: GateInputs | undefined, feed: FillFeed, hooks: OrderHooks): Maybe<OrderRun> {
  const run: OrderRun = { book, fills: [], skipped: [], submitted: [] };
  const marks = gate && (gate.marks ?? marksOf(gate.quotes));
  const accept = hooks.accept ?? acceptAll;
  const from = (k: number): Maybe<OrderRun> => {
    for (; k < orders.length; k++) {
      const o = orders[k]!;
      const skip = gate && gateOrder(o, run.book, gate, marks);
      if (skip) {
        run.skipped.push(skip);
        continue;
      }
      const req: OrderRequest = { clientOrderId: hooks.clientOrderId(o), symbol: o.symbol, side: o.side, qty: o.qty, type: 'market' };
      hooks.beforeSubmit?.(req, o);
      const next = k + 1;
      return then(venue.submit(req), (status) => {
        run.submitted.push({ order: o, status });
        if (status.state === 'rejected' || status.state === 'canceled' || status.state === 'expired') {
          run.skipped.push({ order: o, reason: status.code ?? status.state.toUpperCase(), detail: status.detail ?? `the venue answered ${status.state}` });
        }
        return then(pullFills(venue, feed, run.book, accept, hooks.onFill), (pulled) => {
          run.book = pulled.book;
          for (const f of pulled.fills) run.fills.push(f);
          return from(next);
        });
      });
    }
    return run;
  };
  return from(0);
}
