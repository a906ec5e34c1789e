/**
 * The luxury goods simulator's market (SIMULATED): watch, jewellery and designer references with
 * latent values around which asks and comps are drawn, counterfeits at a documented rate, and a
 * paid third-party authentication before listing. Values are illustrative round figures of
 * late-2025 pre-owned prices, not quotes. Rates are documented in docs/ventures.md.
 */
import type { MarketParams, CatalogueRef } from '../resale/sim-market.js';
import type { VenueParams } from '../resale/simulator.js';
import { MS } from '../../core/clock.js';

export const LUXURY_CATALOGUE: readonly CatalogueRef[] = [
  { ref: 'watch:rolex-op41-124300', title: 'Rolex Oyster Perpetual 41 ref. 124300', category: 'watches', platform: 'chrono24', valueCents: 750_000, vol: 0.06, salesPerDay: 3, offersPerDay: 5 },
  { ref: 'watch:omega-speedmaster-310.30.42.50.01.001', title: 'Omega Speedmaster Moonwatch ref. 310.30.42.50.01.001', category: 'watches', platform: 'chrono24', valueCents: 580_000, vol: 0.05, salesPerDay: 4, offersPerDay: 6 },
  { ref: 'watch:tudor-bb58-m79030n', title: 'Tudor Black Bay 58 ref. M79030N', category: 'watches', platform: 'chrono24', valueCents: 330_000, vol: 0.05, salesPerDay: 4, offersPerDay: 6 },
  { ref: 'watch:cartier-tank-must-wsta0041', title: 'Cartier Tank Must ref. WSTA0041', category: 'watches', platform: 'ebay_watches', valueCents: 260_000, vol: 0.05, salesPerDay: 3, offersPerDay: 5 },
  { ref: 'jewellery:cartier-love-bracelet-b6067517', title: 'Cartier Love bracelet, yellow gold, ref. B6067517', category: 'jewellery', platform: 'ebay_jewelry', valueCents: 620_000, vol: 0.04, salesPerDay: 3, offersPerDay: 4 },
  { ref: 'jewellery:vca-vintage-alhambra-necklace', title: 'Van Cleef & Arpels Vintage Alhambra necklace, onyx', category: 'jewellery', platform: 'ebay_jewelry', valueCents: 380_000, vol: 0.05, salesPerDay: 3, offersPerDay: 4 },
  { ref: 'fashion:chanel-classic-flap-medium', title: 'Chanel Classic Flap bag, medium, caviar', category: 'designer_fashion', platform: 'ebay_handbags', valueCents: 780_000, vol: 0.06, salesPerDay: 3, offersPerDay: 4 },
  { ref: 'fashion:lv-neverfull-mm', title: 'Louis Vuitton Neverfull MM, monogram', category: 'designer_fashion', platform: 'ebay_handbags', valueCents: 160_000, vol: 0.06, salesPerDay: 6, offersPerDay: 8 },
  // Designer accessories: the references a small budget can hold, sold in volume.
  { ref: 'accessories:hermes-carre-90-twill', title: 'Hermès Carré 90 silk twill scarf', category: 'accessories', platform: 'ebay_fashion', valueCents: 38_000, vol: 0.05, salesPerDay: 10, offersPerDay: 12 },
  { ref: 'accessories:lv-zippy-coin-purse-monogram', title: 'Louis Vuitton Zippy Coin Purse, monogram', category: 'accessories', platform: 'ebay_fashion', valueCents: 42_000, vol: 0.05, salesPerDay: 8, offersPerDay: 10 },
  { ref: 'accessories:gucci-gg-marmont-belt-30', title: 'Gucci GG Marmont leather belt, 3 cm', category: 'accessories', platform: 'ebay_fashion', valueCents: 26_000, vol: 0.06, salesPerDay: 10, offersPerDay: 12 },
  { ref: 'accessories:chanel-classic-card-holder-caviar', title: 'Chanel Classic card holder, caviar', category: 'accessories', platform: 'ebay_fashion', valueCents: 46_000, vol: 0.05, salesPerDay: 6, offersPerDay: 8 },
  { ref: 'accessories:saint-laurent-monogram-card-case', title: 'Saint Laurent Monogram card case, grain de poudre', category: 'accessories', platform: 'ebay_fashion', valueCents: 20_000, vol: 0.06, salesPerDay: 10, offersPerDay: 12 },
  { ref: 'accessories:burberry-check-cashmere-scarf', title: 'Burberry Check cashmere scarf', category: 'accessories', platform: 'ebay_fashion', valueCents: 24_000, vol: 0.06, salesPerDay: 8, offersPerDay: 10 },
];

export function luxuryMarket(seed: number): MarketParams {
  return {
    seed, catalogue: LUXURY_CATALOGUE, counterfeitRate: 0.05, outlierRate: 0.05, compNoise: 0.05, askBias: -0.12, askNoise: 0.14, buyerFeePct: 0.0, shippingInCents: 6_000, dropsPerDay: 0,
    // Accessories are bought from estate sales, consignment and resale apps, where sellers price
    // far more loosely than watch dealers, and are the most counterfeited luxury goods.
    categories: { accessories: { counterfeitRate: 0.08, askBias: -0.2, askNoise: 0.22, shippingInCents: 1_200 } },
  };
}

export const LUXURY_VENUE: VenueParams = {
  detectionRate: 0.9,
  authDelayDays: [3, 7],
  authFeeCents: 15_000,
  meanDaysToSell: 21,
  priceSensitivity: 8,
  shippingOutCents: 6_000,
  returnShippingCents: 6_000,
  returnDelayDays: 5,
  compsWindowMs: 60 * MS.day,
  // A photo-based third-party authentication and a tracked envelope, and a quicker sale.
  categories: { accessories: { authFeeCents: 3_000, shippingOutCents: 1_200, returnShippingCents: 1_200, meanDaysToSell: 10 } },
};
