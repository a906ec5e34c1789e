/**
 * Dropshipping's ledger rows (pure): one row per money movement of an order, in dollars from integer
 * cents, each with its idempotency key, so `profit = revenue − cost − fees` holds on every row and
 * the roll-up's split (revenue, cost + fees) sums to the ledger's profit.
 * - fulfilled: the sale; cost = supplier price + shipping + advertising, fees = platform fee;
 * - refunded (supplier out of stock): the order is cancelled and refunded, the platform keeps its fee;
 * - refunded (returned): the price is refunded and the return label paid (cost); goods not recovered;
 * - chargeback: the price is reversed and the dispute fee charged.
 */
import type { RowOf } from '../../contracts/contract.js';
import type { dropshipProfit } from '../../contracts/ventures.js';
import type { Mode } from '../../contracts/contract.js';
import { CHARGEBACK_FEE_CENTS, RETURN_SHIPPING_CENTS } from './fees.js';

export type DropshipRow = RowOf<typeof dropshipProfit>;
type Keyed = { key: string; row: DropshipRow };

const usd = (cents: number): number => cents / 100;

function row(at: number, mode: Mode, orderId: string, listingId: string, revenue: number, cost: number, fees: number, status: DropshipRow['status']): DropshipRow {
  return { ts: new Date(at).toISOString(), mode, order_id: orderId, listing_id: listingId, revenue: usd(revenue), cost: usd(cost), fees: usd(fees), profit: usd(revenue - cost - fees), status };
}

export function saleRow(at: number, mode: Mode, orderId: string, listingId: string, o: { priceCents: number; platformFeeCents: number; goodsCents: number; adCents: number }): Keyed {
  return { key: `${orderId}:sale`, row: row(at, mode, orderId, listingId, o.priceCents, o.goodsCents + o.adCents, o.platformFeeCents, 'fulfilled') };
}

export function cancelledRow(at: number, mode: Mode, orderId: string, listingId: string, platformFeeCents: number): Keyed {
  return { key: `${orderId}:sale`, row: row(at, mode, orderId, listingId, 0, 0, platformFeeCents, 'refunded') };
}

export function returnRow(at: number, mode: Mode, orderId: string, listingId: string, refundCents: number): Keyed {
  return { key: `${orderId}:return`, row: row(at, mode, orderId, listingId, -refundCents, RETURN_SHIPPING_CENTS, 0, 'refunded') };
}

export function chargebackRow(at: number, mode: Mode, orderId: string, listingId: string, reversedCents: number): Keyed {
  return { key: `${orderId}:chargeback`, row: row(at, mode, orderId, listingId, -reversedCents, 0, CHARGEBACK_FEE_CENTS, 'chargeback') };
}
