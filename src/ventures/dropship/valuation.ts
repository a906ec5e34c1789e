/**
 * Valuing a dropshipping product (pure, integer cents): per order the seller receives the price and
 * pays the supplier, the shipping, the platform fee and the advertising that brought the customer;
 * a share of orders comes back (the price is refunded and the return label paid, the goods are not
 * recovered, the platform keeps its fee). The net margin is expected profit per order ÷ price. A
 * product is listed only when that margin lies inside the band (the specification's 15–60 %): below
 * it the fees and returns eat the edge, above it the supplier data is not believable. A listing
 * reserves its inventory exposure (units in flight × unit cost) against the venture's budget.
 */
import { platformFeeCents, RETURN_SHIPPING_CENTS, type Platform } from './fees.js';

export interface ProductTerms {
  readonly supplierCostCents: number;
  readonly shippingCents: number;
  readonly priceCents: number;
}

export interface SellingCosts {
  readonly platform: Platform;
  /** Share of orders refunded after a return, e.g. 0.175. */
  readonly returnRate: number;
  readonly adCostPerSaleCents: number;
}

export interface ProductValuation {
  /** Paid out per order: supplier + shipping + advertising, cents. */
  readonly unitCostCents: number;
  readonly platformFeeCents: number;
  /** Expected cost of returns per order: rate × (refunded price + return label), cents. */
  readonly expectedReturnCents: number;
  readonly expectedProfitCents: number;
  /** Expected profit ÷ price. */
  readonly margin: number;
}

export function valueProduct(t: ProductTerms, c: SellingCosts): ProductValuation {
  const unitCostCents = t.supplierCostCents + t.shippingCents + c.adCostPerSaleCents;
  const fee = platformFeeCents(c.platform, t.priceCents);
  const expectedReturnCents = Math.round(c.returnRate * (t.priceCents + RETURN_SHIPPING_CENTS));
  const expectedProfitCents = t.priceCents - unitCostCents - fee - expectedReturnCents;
  return { unitCostCents, platformFeeCents: fee, expectedReturnCents, expectedProfitCents, margin: t.priceCents > 0 ? expectedProfitCents / t.priceCents : -1 };
}

export type ListingVerdict = { readonly list: true } | { readonly list: false; readonly code: 'BELOW_SALE_MARGIN' | 'ABOVE_SALE_MARGIN'; readonly detail: string };

/** Whether a valued product may be listed: its margin inside [min, max]. */
export function listingVerdict(v: ProductValuation, band: { readonly min: number; readonly max: number }): ListingVerdict {
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  if (v.margin < band.min) return { list: false, code: 'BELOW_SALE_MARGIN', detail: `net margin ${pct(v.margin)} below ${pct(band.min)} after fees, shipping, ads and returns` };
  if (v.margin > band.max) return { list: false, code: 'ABOVE_SALE_MARGIN', detail: `net margin ${pct(v.margin)} above ${pct(band.max)}: supplier cost or price not believable` };
  return { list: true };
}

/**
 * A listing as a venture opportunity: it commits `units` × (supplier + shipping) of exposure and is
 * expected to return `units` × (that cost + expected profit per order).
 */
export function listingExposure(t: ProductTerms, v: ProductValuation, units: number): { costCents: number; valueCents: number } {
  const goods = t.supplierCostCents + t.shippingCents;
  return { costCents: units * goods, valueCents: units * (goods + v.expectedProfitCents) };
}
