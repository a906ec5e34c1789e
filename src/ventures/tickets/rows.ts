/**
 * Ticket arbitrage's ledger rows (pure), keyed by lot: `{lot}:buy`, `{lot}:list:{ask cents}` (one per
 * ask, so a markdown is a new row and a repeat is not), `{lot}:sell`, `{lot}:refund`, `{lot}:expired`.
 * Prices are per ticket, fees per row, in dollars from integer cents. P&L is recognised when a lot
 * closes (sale, refund or expiry) against its all-in cost, so the ledger's profit is the sum of pnl.
 * A sale the marketplace cancels after reporting it is undone by a `reversal` row (`{lot}:reversal`,
 * then `#1`, `#2`, ... for later sales of the same lot, whose rows are `{lot}:sell#1`, ...): the
 * lot is open again at its cost, so the reversal's pnl is minus the sale's.
 */
import type { Mode, RowOf } from '../../contracts/contract.js';
import type { ticketArbitrage } from '../../contracts/ventures.js';

export type TicketRow = RowOf<typeof ticketArbitrage>;
type Keyed = { key: string; row: TicketRow };

const usd = (cents: number): number => cents / 100;
const ts = (at: number): string => new Date(at).toISOString();

export interface LotRef {
  readonly id: string;
  readonly eventId: string;
  readonly qty: number;
  /** All-in cost of the lot, cents. */
  readonly costCents: number;
}

export function buyRow(at: number, mode: Mode, lot: LotRef, priceCents: number, buyerFeesCents: number): Keyed {
  return { key: `${lot.id}:buy`, row: { ts: ts(at), mode, event_id: lot.eventId, action: 'buy', qty: lot.qty, price: usd(priceCents), fees: usd(buyerFeesCents), pnl: 0 } };
}

export function listRow(at: number, mode: Mode, lot: LotRef, askCents: number): Keyed {
  return { key: `${lot.id}:list:${askCents}`, row: { ts: ts(at), mode, event_id: lot.eventId, action: 'list', qty: lot.qty, price: usd(askCents), fees: 0, pnl: 0 } };
}

/** The key of the lot's `generation`-th sale (0: the first) or of its reversal. */
export const saleKey = (lotId: string, action: 'sell' | 'reversal', generation: number): string => `${lotId}:${action}${generation > 0 ? `#${generation}` : ''}`;

/** The lot a row's key names (`{lot}:{action}`, `{lot}:{action}#{n}`; list rows carry the ask after the action). */
export function lotOfKey(key: string, action: string): string {
  const k = key.replace(/#\d+$/, '');
  return k.endsWith(`:${action}`) ? k.slice(0, -(action.length + 1)) : k;
}

/** A sale of the whole lot at `grossCents` less `sellerFeesCents` (`generation`: sales of the lot reversed before this one). */
export function sellRow(at: number, mode: Mode, lot: LotRef, grossCents: number, sellerFeesCents: number, generation = 0): Keyed {
  const pnl = grossCents - sellerFeesCents - lot.costCents;
  return { key: saleKey(lot.id, 'sell', generation), row: { ts: ts(at), mode, event_id: lot.eventId, action: 'sell', qty: lot.qty, price: usd(grossCents / lot.qty), fees: usd(sellerFeesCents), pnl: usd(pnl) } };
}

/** The marketplace cancelled the lot's `generation`-th sale: its gross goes back, its fees come back, and the lot is open again at its cost. */
export function reversalRow(at: number, mode: Mode, lot: LotRef, grossCents: number, sellerFeesCents: number, generation: number): Keyed {
  const pnl = -(grossCents - sellerFeesCents - lot.costCents);
  return { key: saleKey(lot.id, 'reversal', generation), row: { ts: ts(at), mode, event_id: lot.eventId, action: 'reversal', qty: lot.qty, price: usd(grossCents / lot.qty), fees: usd(sellerFeesCents), pnl: usd(pnl) } };
}

export function refundRow(at: number, mode: Mode, lot: LotRef, refundCents: number): Keyed {
  return { key: `${lot.id}:refund`, row: { ts: ts(at), mode, event_id: lot.eventId, action: 'refund', qty: lot.qty, price: usd(refundCents / lot.qty), fees: 0, pnl: usd(refundCents - lot.costCents) } };
}

export function expiredRow(at: number, mode: Mode, lot: LotRef): Keyed {
  return { key: `${lot.id}:expired`, row: { ts: ts(at), mode, event_id: lot.eventId, action: 'expired', qty: lot.qty, price: 0, fees: 0, pnl: usd(-lot.costCents) } };
}
