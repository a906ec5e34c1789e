/**
 * The simulated venue: a Venue over the paper broker's one fill rule (fillMarketOrder /
 * fillLimitOrder). It holds a book, takes each order's quote from an injected source, fills
 * immediately or rejects (limit orders are immediate-or-cancel), settles notional and fee in whole
 * cents, and numbers its fills deterministically (`<clientOrderId>#1`). A fill's time is its quote's
 * time: the fill happens at the price the order saw. Submitting a client order
 * id it has already seen returns that order and never trades again. The mesh calls it 'paper', the
 * backtest engine 'backtest'; both are simulated.
 */
import type { OrderRequest, OrderStatus, Venue, VenueBalances, VenueFill } from '../core/venue.js';
import type { Instrument, Quote } from '../market/types.js';
import { fillLimitOrder, fillMarketOrder, type Book, type Costs } from './paper-broker.js';

export interface PaperVenueOptions {
  name: 'paper' | 'backtest';
  /** The starting book, or a function that rebuilds it on first use (the mesh: from the trader's ledger). */
  book: Book | (() => Book);
  /** The quote an order sees now (the market port at the clock's time, or the backtest's bar). */
  quote: (symbol: string) => Quote | Promise<Quote>;
  instrument: (symbol: string) => Instrument;
  costs: Costs;
  /** Hard per-order notional cap in dollars. */
  maxOrderNotional: number;
}

export interface PaperVenue extends Venue {
  /** The venue's own book (cash, positions, realised P&L and fees in cents). */
  book(): Book;
}

export function createPaperVenue(o: PaperVenueOptions): PaperVenue {
  let current: Book | undefined = typeof o.book === 'function' ? undefined : o.book;
  const bookNow = (): Book => (current ??= (o.book as () => Book)());
  const orders = new Map<string, Promise<OrderStatus>>();
  const fills: VenueFill[] = [];

  const execute = (req: OrderRequest, quote: Quote): OrderStatus => {
    const base = { clientOrderId: req.clientOrderId, venueOrderId: req.clientOrderId, symbol: req.symbol, side: req.side, qty: req.qty };
    const order = { symbol: req.symbol, side: req.side, qty: req.qty };
    const inst = o.instrument(req.symbol);
    const r =
      req.type === 'limit'
        ? fillLimitOrder(bookNow(), { ...order, limitPrice: req.limitPrice ?? Number.NaN }, quote, inst, o.maxOrderNotional, o.costs)
        : fillMarketOrder(bookNow(), order, quote, inst, o.maxOrderNotional, o.costs);
    if (!r.ok) return { ...base, filledQty: 0, state: r.code === 'LIMIT_NOT_MARKETABLE' ? 'canceled' : 'rejected', code: r.code, detail: r.detail };
    current = r.book;
    const f = r.fill;
    fills.push({ fillId: `${req.clientOrderId}#1`, clientOrderId: req.clientOrderId, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, notionalCents: f.notionalCents, feeCents: f.feeCents, ts: quote.ts });
    return { ...base, filledQty: f.qty, avgPrice: f.price, state: 'filled' };
  };

  return {
    name: o.name,
    simulated: true,
    submit(req) {
      // The promise is stored before the quote arrives: a second submit of the id never trades again.
      let status = orders.get(req.clientOrderId);
      if (!status) {
        status = Promise.resolve(o.quote(req.symbol)).then((q) => execute(req, q));
        orders.set(req.clientOrderId, status);
      }
      return status;
    },
    // Every order fills or ends at once: nothing is ever working, so there is nothing to cancel.
    cancel: async (id) => orders.get(id),
    order: async (id) => orders.get(id),
    openOrders: async () => [],
    async balances(): Promise<VenueBalances> {
      const b = bookNow();
      return { cashCents: b.cashCents, positions: b.positions };
    },
    // The cursor is the number of fills already seen; anything else starts from the beginning.
    async fillsSince(cursor) {
      const from = cursor !== undefined && /^\d+$/.test(cursor) ? Math.min(Number(cursor), fills.length) : 0;
      return { fills: fills.slice(from), cursor: String(fills.length) };
    },
    book: bookNow,
  };
}
