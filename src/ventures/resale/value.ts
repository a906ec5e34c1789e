/**
 * From an ask and a valuation to a purchase candidate (pure, integer cents). The item would be
 * resold at the conservative end of its valuation (the band's low end); what that sale leaves after
 * the platform's fees, shipping out, authentication and the cost of holding it (insurance per year
 * on its value, the capital tied up at a yearly rate on its cost, for the expected days to sell) is
 * its net value; where counterfeits are offered, that is weighted with what a counterfeit leaves by the
 * probability the ask's discount implies (counterfeit.ts). The agent buys only at or below that net value less a margin of safety; the
 * shared decision then applies the budget, the risk-scaled per-item cap and the minimum margin.
 */
import type { Offer } from '../../core/marketplace.js';
import { counterfeitModelOf, counterfeitProbability, counterfeitRisk, type CounterfeitModel } from './counterfeit.js';
import { marketFor, type MarketParams } from './sim-market.js';
import { venueFor, type VenueParams } from './simulator.js';
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
  /** Counterfeit risk priced by the ask's discount (counterfeit.ts); none when absent. */
  readonly counterfeit?: CounterfeitModel;
}

/** What a venture's valuation sets itself: everything but what its venue charges per category. */
export type ResalePolicy = Omit<ResaleParams, 'shippingOutCents' | 'authenticationCents' | 'counterfeit'>;

/**
 * The valuation parameters of an item in `category` on a simulated venue: the venture's policy with
 * that category's shipping, authentication and counterfeit model, so what is priced is what is paid.
 */
export function resaleParamsFor(policy: ResalePolicy, market: MarketParams, venue: VenueParams, category: string): ResaleParams {
  const m = marketFor(market, category);
  const v = venueFor(venue, category);
  return { ...policy, shippingOutCents: v.shippingOutCents, authenticationCents: v.authFeeCents, counterfeit: counterfeitModelOf(m, v) };
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
      /** Conservative sale less fees, shipping, authentication and holding costs, if genuine. */
      readonly genuineNetCents: number;
      /** Probability the ask is counterfeit (0 without a counterfeit model). */
      readonly counterfeitProbability: number;
      /** Expected net proceeds: the genuine net weighted with what a counterfeit leaves. */
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
  const genuineNetCents = saleCents - sellerFees - p.shippingOutCents - p.authenticationCents - holding.insuranceCents - holding.capitalCents;
  const probability = p.counterfeit ? counterfeitProbability(offer.priceCents, v.valueCents, p.counterfeit) : 0;
  const netValueCents = p.counterfeit
    ? counterfeitRisk(probability, { askCents: offer.priceCents, genuineNetCents, authenticationCents: p.authenticationCents, sellerFeesCents: sellerFees, shippingOutCents: p.shippingOutCents }, p.counterfeit).expectedNetCents
    : genuineNetCents;
  const maxCostCents = Math.floor(netValueCents * (1 - p.safetyMargin));
  if (costCents > maxCostCents) {
    return { ok: false, code: 'ABOVE_MAX_BUY', detail: `all-in cost ${usd(costCents)} above ${usd(maxCostCents)} (expected net value ${usd(netValueCents)}${probability > 0 ? `, ${(probability * 100).toFixed(1)} % counterfeit risk` : ''} less ${(p.safetyMargin * 100).toFixed(0)} % margin of safety)` };
  }
  return { ok: true, costCents, listCents: v.valueCents, saleCents, sellerFeesCents: sellerFees, holding, genuineNetCents, counterfeitProbability: probability, netValueCents, maxCostCents };
}
