/**
 * SIMULATED product trends for the dropshipping venture: a deterministic catalogue where product k
 * appears every `PRODUCT_PERIOD_MS`, rises to its peak and fades (a Gaussian hype curve), and sells
 * at a rate that follows that curve and falls with price (constant elasticity). Every figure is a
 * pure function of (seed, time), so the knowledge integrator that writes
 * `state/trending_products.json` and the marketplace simulator that turns the curve into orders see
 * the same market without talking to each other. Money is integer cents.
 */
import { seedKey, streamKey, uniform } from '../rng.js';

export const PRODUCT_PERIOD_MS = 12 * 3_600_000;
/** A product's whole life, birth to last sale: the curve is ~0 beyond it. */
export const PRODUCT_LIFE_MS = 40 * 86_400_000;
/** Products whose trend score is below this are not trending (not in the document). */
export const TRENDING_MIN_SCORE = 0.2;
/** How fast orders fall as the price rises above the market price (orders ∝ (market/price)^elasticity). */
export const PRICE_ELASTICITY = 2.5;

const NICHES: readonly (readonly [string, readonly string[]])[] = [
  ['home', ['LED strip kit', 'Magnetic spice rack', 'Cordless milk frother', 'Sunset projection lamp']],
  ['pets', ['Self-cleaning slicker brush', 'Lick mat set', 'Foldable travel bowl', 'Cat window hammock']],
  ['fitness', ['Resistance band set', 'Posture corrector', 'Smart jump rope', 'Massage gun mini']],
  ['beauty', ['Ice roller', 'Heatless curling rod', 'Scalp massager', 'Jade gua sha']],
  ['tech', ['MagSafe car mount', 'Cable organiser box', 'Mini thermal printer', 'Phone UV sanitiser']],
];
const SUPPLIERS = ['AliExpress', 'CJ Dropshipping', 'Zendrop', 'Alibaba'] as const;
const STREAM = 0x7e4d;

export interface SimProduct {
  readonly id: string;
  readonly index: number;
  readonly title: string;
  readonly niche: string;
  readonly supplier: string;
  /** Supplier's unit price and shipping to the customer, cents. */
  readonly supplierCostCents: number;
  readonly shippingCents: number;
  /** What comparable listings sell for, cents. */
  readonly marketPriceCents: number;
  readonly bornMs: number;
  readonly peakMs: number;
  readonly widthMs: number;
  /** Orders per day at the peak, at the market price. */
  readonly peakDailyOrders: number;
}

export function productId(index: number): string {
  return `sim-p-${index}`;
}

/** Product `index` of the seed's catalogue (pure). */
export function simProduct(seed: number, index: number): SimProduct {
  const sk = streamKey(seedKey(seed), STREAM);
  const u = (j: number): number => uniform(sk, index * 16 + j);
  const [niche, items] = NICHES[Math.floor(u(0) * NICHES.length)]!;
  const item = items[Math.floor(u(1) * items.length)]!;
  const supplierCostCents = 300 + Math.floor(u(2) * 2_200);
  const markup = 2.2 + u(3) * 1.6;
  const shippingCents = 150 + Math.floor(u(4) * 450);
  const bornMs = index * PRODUCT_PERIOD_MS;
  return {
    id: productId(index),
    index,
    title: `${item} #${index}`,
    niche,
    supplier: SUPPLIERS[Math.floor(u(5) * SUPPLIERS.length)]!,
    supplierCostCents,
    shippingCents,
    marketPriceCents: Math.round(((supplierCostCents + shippingCents) * markup) / 100) * 100 - 1,
    bornMs,
    peakMs: bornMs + (8 + u(6) * 10) * 86_400_000,
    widthMs: (3 + u(7) * 5) * 86_400_000,
    peakDailyOrders: 1 + u(8) * 5,
  };
}

/** The product's hype at `nowMs` in [0, 1]: 1 at its peak, 0 before birth and after its life. */
export function trendScore(p: SimProduct, nowMs: number): number {
  if (nowMs < p.bornMs || nowMs > p.bornMs + PRODUCT_LIFE_MS) return 0;
  const z = (nowMs - p.peakMs) / p.widthMs;
  return Math.exp(-0.5 * z * z);
}

/** Expected orders per day at `priceCents` (the demand curve). */
export function dailyDemand(p: SimProduct, nowMs: number, priceCents: number): number {
  if (priceCents <= 0) return 0;
  return p.peakDailyOrders * trendScore(p, nowMs) * Math.pow(p.marketPriceCents / priceCents, PRICE_ELASTICITY);
}

/** Index of a product id of this catalogue, or undefined. */
export function productIndex(id: string): number | undefined {
  const m = /^sim-p-(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The products trending at `nowMs` (score ≥ TRENDING_MIN_SCORE), best first. */
export function trendingAt(seed: number, nowMs: number): { product: SimProduct; score: number }[] {
  const last = Math.floor(nowMs / PRODUCT_PERIOD_MS);
  const first = Math.max(0, Math.floor((nowMs - PRODUCT_LIFE_MS) / PRODUCT_PERIOD_MS));
  const out: { product: SimProduct; score: number }[] = [];
  for (let k = first; k <= last; k++) {
    const product = simProduct(seed, k);
    const score = trendScore(product, nowMs);
    if (score >= TRENDING_MIN_SCORE) out.push({ product, score });
  }
  return out.sort((a, b) => b.score - a.score || a.product.index - b.product.index);
}
