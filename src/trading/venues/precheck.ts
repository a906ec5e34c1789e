/**
 * The checks a live order passes before it is sent, as one pure function of the order and the
 * exchange's market rules (precision and minimums from its own market list): a positive finite
 * quantity, a positive limit price for limit orders, a quantity that is still positive after
 * rounding down to the exchange's step, and the exchange's minimum quantity and minimum cost.
 * A failure carries a reason code; nothing is sent.
 */
import type { OrderRequest } from '../../core/venue.js';
import type { VenueRejectCode } from './outcomes.js';

export interface MarketRules {
  /** Order quantity rounded down to the exchange's step (its amountToPrecision). */
  readonly roundedQty: number;
  readonly minQty?: number;
  readonly minCost?: number;
}

export type PrecheckResult =
  | { readonly ok: true; readonly qty: number }
  | { readonly ok: false; readonly code: VenueRejectCode; readonly detail: string };

/** `refPrice`: the limit price, or for a market order the touch it would cross (ask to buy, bid to sell). */
export function precheck(order: OrderRequest, rules: MarketRules, refPrice: number): PrecheckResult {
  if (!Number.isFinite(order.qty) || order.qty <= 0) return { ok: false, code: 'INVALID_QTY', detail: `qty ${order.qty} must be a positive number` };
  if (order.type === 'limit' && !(order.limitPrice !== undefined && Number.isFinite(order.limitPrice) && order.limitPrice > 0)) {
    return { ok: false, code: 'INVALID_LIMIT', detail: `limit order needs a positive limitPrice, got ${order.limitPrice}` };
  }
  const qty = rules.roundedQty;
  if (!(qty > 0)) return { ok: false, code: 'BELOW_MIN_QTY', detail: `qty ${order.qty} rounds down to 0 at the venue's precision` };
  if (rules.minQty !== undefined && qty < rules.minQty) {
    return { ok: false, code: 'BELOW_MIN_QTY', detail: `qty ${qty} is below the venue's minimum ${rules.minQty} for ${order.symbol}` };
  }
  const cost = qty * refPrice;
  if (rules.minCost !== undefined && cost < rules.minCost) {
    return { ok: false, code: 'BELOW_MIN_NOTIONAL', detail: `notional ${cost.toFixed(2)} is below the venue's minimum cost ${rules.minCost} for ${order.symbol}` };
  }
  return { ok: true, qty };
}
