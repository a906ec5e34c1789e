/**
 * Selling fees of the platforms a dropshipper lists on (pure, integer cents): Shopify Payments'
 * online card rate (2.9 % + 30¢ per order, Basic plan) and eBay's final value fee (≈13 % + 40¢ per
 * order for most categories). Percentages round half up to the cent, as the platforms' statements do.
 */
export type Platform = 'shopify' | 'ebay';

export const PLATFORM_FEES: Readonly<Record<Platform, { readonly rate: number; readonly fixedCents: number }>> = {
  shopify: { rate: 0.029, fixedCents: 30 },
  ebay: { rate: 0.13, fixedCents: 40 },
};

/** The platform's fee on an order of `priceCents`. */
export function platformFeeCents(platform: Platform, priceCents: number): number {
  const f = PLATFORM_FEES[platform];
  return Math.round(priceCents * f.rate) + f.fixedCents;
}

/** What a card dispute costs the seller besides the reversed sale (Shopify Payments' chargeback fee). */
export const CHARGEBACK_FEE_CENTS = 1_500;
/** The return label the seller pays when a customer sends an item back. */
export const RETURN_SHIPPING_CENTS = 600;
