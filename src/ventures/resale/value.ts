/**
 * From an ask and a valuation to a purchase candidate (pure, integer cents). The item would be
 * resold at the conservative end of its valuation (the band's low end); what that sale leaves after
 * the platform's fees, shipping out, authentication and the cost of holding it (insurance per year
 * on its value, the capital tied up at a yearly rate on its cost, for the expected days to sell) is
 * its net value. The agent buys only at or below that net value less a margin of safety; the
 * shared decision then applies the budget, the risk-scaled per-item cap and the minimum margin.
 */
import type { Offer } from '../../core/marketplace.js';
import { sellerFeesCents, type FeeSchedule } from './fees.js';
import type { Valuation } from './valuation.js';

export interface ResaleParams {
  /** Fraction of net value kept back as a margin of safety (0.1: pay at most 90 % of it). */
  readonly safetyMargin: number;
  /** Shipping the item to the buyer (or to the platform), cents. */
  readonly shippingOutCents: number;
  /** Authentication paid by the seller before listing, cents. */
  readonly authenticationCents: number;
  /** Expected days from purchase to sale. */
  readonly holdingDays: number;
  /** Insurance, fraction of value per year. */
  readonly insurancePerYear: number;
  /** Cost of capital, fraction of cost per year. */
  readonly capitalPerYear: number;
}

export interface HoldingCosts {
  readonly insuranceCents: number;
  readonly capitalCents: number;
}

/** Insurance on the value and the capital cost of the purchase price over `days` (each rounded half up). */
export function holdingCosts(valueCents: number, costCents: number, days: number, insurancePerYear: number, capitalPerYear: number): HoldingCosts {
  return { insuranceCents: Math.round((valueCents * insurancePerYear * days) / 365), capitalCents: Math.round((costCents * capitalPerYear * days) / 365) };
}

export type ResaleCandidate =
  | {
      readonly ok: true;
      /** Ask plus buyer fees. */
      readonly costCents: number;
      /** Price to list at (the valuation's centre) and the conservative sale price (its low end). */
      readonly listCents: number;
      readonly saleCents: number;
      readonly sellerFeesCents: number;
      readonly holding: HoldingCosts;
      /** Conservative sale less fees, shipping, authentication and holding costs. */
      readonly netValueCents: number;
      /** The most the agent pays, all in: net value less the margin of safety. */
      readonly maxCostCents: number;
    }
  | { readonly ok: false; readonly code: 'NO_VALUATION' | 'ABOVE_MAX_BUY'; readonly detail: string };

const usd = (c: number): string => `$${(c / 100).toFixed(2)}`;

export function resaleCandidate(offer: Pick<Offer, 'priceCents' | 'buyerFeesCents'>, v: Valuation, fees: FeeSchedule, p: ResaleParams): ResaleCandidate {
  if (!v.ok) return { ok: false, code: 'NO_VALUATION', detail: v.detail };
  const costCents = offer.priceCents + offer.buyerFeesCents;
  const saleCents = v.lowCents;
  const sellerFees = sellerFeesCents(fees, saleCents);
  const holding = holdingCosts(saleCents, costCents, p.holdingDays, p.insurancePerYear, p.capitalPerYear);
  const netValueCents = saleCents - sellerFees - p.shippingOutCents - p.authenticationCents - holding.insuranceCents - holding.capitalCents;
  const maxCostCents = Math.floor(netValueCents * (1 - p.safetyMargin));
  if (costCents > maxCostCents) {
    return { ok: false, code: 'ABOVE_MAX_BUY', detail: `all-in cost ${usd(costCents)} above ${usd(maxCostCents)} (net value ${usd(netValueCents)} less ${(p.safetyMargin * 100).toFixed(0)} % margin of safety)` };
  }
  return { ok: true, costCents, listCents: v.valueCents, saleCents, sellerFeesCents: sellerFees, holding, netValueCents, maxCostCents };
}
