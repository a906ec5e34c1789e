/**
 * The venue port: the one way any agent's order reaches a market. The paper broker, the backtest's
 * simulated venue and the live ccxt and Alpaca venues implement it, so an order takes the same path
 * from research to live. Orders carry a client order id chosen by the caller: submitting the same
 * id twice must never trade twice (a live venue answers with the order it already has), which is
 * what lets a restarted agent reconcile instead of resubmitting.
 *
 * Money a venue reports is settled in integer cents (fees, notionals, cash); prices and
 * quantities are the venue's numbers.
 */

export type Side = 'buy' | 'sell';

export interface OrderRequest {
  /** Caller-chosen, unique per intended order, stable across restarts (idempotency key). */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly type: 'market' | 'limit';
  readonly limitPrice?: number;
}

/**
 * `pending_approval`: held for a person (first live order of a run); `new`/`partially_filled`:
 * working at the venue; `filled`, `canceled`, `rejected`, `expired`: terminal.
 */
export type OrderState = 'pending_approval' | 'new' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired';

export const TERMINAL_ORDER_STATES: readonly OrderState[] = ['filled', 'canceled', 'rejected', 'expired'];

export interface OrderStatus {
  readonly clientOrderId: string;
  readonly venueOrderId?: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly filledQty: number;
  /** Volume-weighted fill price so far. */
  readonly avgPrice?: number;
  readonly state: OrderState;
  /** Reason code for a rejection (INSUFFICIENT_CASH, LOT_SIZE, VENUE_REJECTED, ...). */
  readonly code?: string;
  readonly detail?: string;
}

export interface VenueFill {
  /** Unique per fill at this venue; the ledger's idempotency key. */
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Notional and fee settled in whole cents (round half up). */
  readonly notionalCents: number;
  readonly feeCents: number;
  /** Market time of the fill, epoch ms. */
  readonly ts: number;
}

export interface VenuePosition {
  readonly qty: number;
  readonly avgPrice: number;
}

export interface VenueBalances {
  readonly cashCents: number;
  readonly positions: Readonly<Record<string, VenuePosition>>;
}

export interface Venue {
  /** Shown wherever its numbers are: 'paper', 'backtest', 'ccxt:kraken', 'alpaca', ... */
  readonly name: string;
  /** True for the paper broker and the backtest venue: every figure derived from it must say so. */
  readonly simulated: boolean;
  submit(order: OrderRequest): Promise<OrderStatus>;
  cancel(clientOrderId: string): Promise<OrderStatus | undefined>;
  /** The venue's view of one order by client id, or undefined when the venue never received it. */
  order(clientOrderId: string): Promise<OrderStatus | undefined>;
  openOrders(): Promise<OrderStatus[]>;
  balances(): Promise<VenueBalances>;
  /** Fills after `cursor` (undefined: from the start of this venue's record), oldest first. */
  fillsSince(cursor: string | undefined): Promise<{ fills: VenueFill[]; cursor: string | undefined }>;
}

/**
 * Whole cents of a dollar amount, rounding half up (away from zero for negatives). A negative
 * amount under half a cent is 0, not -0: a -0 is a heap number where V8's compiled money paths
 * expect small integers, and it deoptimised the backtest's fill path (and every book field it
 * reached) the first time a sale realised less than half a cent of loss.
 */
export function toCents(usd: number): number {
  const cents = Math.abs(usd) * 100;
  // Nudged up by a few units in the last place (1e-9 of a cent at least), so a decimal half cent
  // stored a hair below it (1.005 is 100.49999999999999 cents) still rounds up. A nudge of 1e-9 of
  // the dollars instead grew with the amount and passed half a cent at $500 million: $1,234,567,890.12
  // settled to 123,456,789,013 cents.
  const c = Math.round(cents + Math.max(1e-9, cents * 1e-15));
  return usd < 0 && c !== 0 ? -c : c;
}

/** The fee in whole cents on a settled notional (round half up; exact for whole-number bps): every venue's and the hedge book's rule. */
export function feeCentsOf(notionalCents: number, feeBps: number): number {
  return Math.round((notionalCents * feeBps) / 10_000);
}
