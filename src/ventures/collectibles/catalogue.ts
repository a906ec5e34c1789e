/**
 * The collectibles simulator's market (SIMULATED): references, their latent values around which
 * asks and comps are drawn, and the venue's behaviour. Values are illustrative round figures of
 * late-2025 resale prices, not quotes. Rates are documented in docs/ventures.md.
 */
import type { MarketParams, CatalogueRef } from '../resale/sim-market.js';
import type { VenueParams } from '../resale/simulator.js';
import { MS } from '../../core/clock.js';

export const COLLECTIBLES_CATALOGUE: readonly CatalogueRef[] = [
  { ref: 'sneaker:jordan-1-high-og-lost-and-found:10', title: "Air Jordan 1 Retro High OG 'Lost & Found' US 10", category: 'sneakers', platform: 'stockx', valueCents: 38_000, vol: 0.12, salesPerDay: 6, offersPerDay: 10, retailCents: 18_000 },
  { ref: 'sneaker:dunk-low-panda:9', title: "Nike Dunk Low 'Panda' US 9", category: 'sneakers', platform: 'goat', valueCents: 12_500, vol: 0.08, salesPerDay: 12, offersPerDay: 14, retailCents: 11_500 },
  { ref: 'sneaker:yeezy-350-v2-zebra:10', title: "adidas Yeezy Boost 350 V2 'Zebra' US 10", category: 'sneakers', platform: 'stockx', valueCents: 27_000, vol: 0.1, salesPerDay: 5, offersPerDay: 8 },
  { ref: 'sneaker:nb-550-white-green:10', title: 'New Balance 550 White Green US 10', category: 'sneakers', platform: 'goat', valueCents: 13_000, vol: 0.07, salesPerDay: 8, offersPerDay: 10 },
  { ref: 'card:pokemon-umbreon-vmax-alt-215:nm', title: 'Pokémon Umbreon VMAX Alt Art 215/203 (Evolving Skies), Near Mint', category: 'trading_cards', platform: 'tcgplayer', valueCents: 52_000, vol: 0.1, salesPerDay: 4, offersPerDay: 6 },
  { ref: 'card:pokemon-charizard-ex-199:nm', title: 'Pokémon Charizard ex 199/165 SIR (151), Near Mint', category: 'trading_cards', platform: 'tcgplayer', valueCents: 11_000, vol: 0.09, salesPerDay: 10, offersPerDay: 12 },
  { ref: 'card:mtg-the-one-ring-borderless:nm', title: 'MTG The One Ring (LTR, borderless), Near Mint', category: 'trading_cards', platform: 'tcgplayer', valueCents: 6_500, vol: 0.1, salesPerDay: 9, offersPerDay: 10 },
  { ref: 'nft:lil-pudgys:floor', title: 'Lil Pudgys (floor token)', category: 'nft', platform: 'opensea', valueCents: 45_000, vol: 0.2, salesPerDay: 8, offersPerDay: 10 },
];

export function collectiblesMarket(seed: number): MarketParams {
  return {
    seed, catalogue: COLLECTIBLES_CATALOGUE, counterfeitRate: 0.03, outlierRate: 0.06, compNoise: 0.06, askBias: -0.02, askNoise: 0.14, buyerFeePct: 0.03, shippingInCents: 1_400, dropsPerDay: 0.15,
    // Single cards are bought from auctions, bulk lots and card-show sellers, priced more loosely than
    // a sneaker ask on StockX, and travel in a toploader envelope.
    categories: { trading_cards: { askBias: -0.1, askNoise: 0.22, shippingInCents: 500 } },
  };
}

export const COLLECTIBLES_VENUE: VenueParams = {
  detectionRate: 0.9,
  authDelayDays: [2, 5],
  authFeeCents: 0,
  meanDaysToSell: 6,
  priceSensitivity: 8,
  shippingOutCents: 1_200,
  returnShippingCents: 1_200,
  returnDelayDays: 3,
  compsWindowMs: 30 * MS.day,
  // A card ships in a tracked toploader envelope, not a shoebox.
  categories: { trading_cards: { shippingOutCents: 500, returnShippingCents: 500 } },
};
