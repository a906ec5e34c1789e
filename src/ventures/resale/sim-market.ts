/**
 * The resale market a simulator shows (pure functions of seed, reference and time, on the
 * project's counter-based generator, so every process sees the same market without talking):
 * - a latent value per reference that wanders slowly (a 30-day and a 7-day smooth noise in logs);
 * - comparable sales on an hourly grid around it, with a share of outliers (mislabelled sizes,
 *   fakes sold as real, typos) that a valuation has to reject;
 * - asks (offers) around it with a lifetime, a share of them counterfeit and priced to tempt; and,
 *   for references with a retail price, the occasional retail drop (buying one is a person's job).
 */
import { MS } from '../../core/clock.js';
import type { CompSale, Offer } from '../../core/marketplace.js';
import { normal, seedKey, streamKey, uniform } from '../../market/rng.js';
import type { PlatformName } from './fees.js';

export interface CatalogueRef {
  /** Marketplace reference: a model and size, a card and grade, a watch reference. No `|` in it. */
  readonly ref: string;
  readonly title: string;
  readonly category: string;
  /** Where the item is resold (its fee schedule). */
  readonly platform: PlatformName;
  /** Centre of the latent value, cents. */
  readonly valueCents: number;
  /** Size of the latent value's wander, in logs (0.1 ≈ ±10 %). */
  readonly vol: number;
  readonly salesPerDay: number;
  readonly offersPerDay: number;
  /** Retail price of a release, cents; undefined for references that are not released at retail. */
  readonly retailCents?: number;
}

export interface MarketParams {
  readonly seed: number;
  readonly catalogue: readonly CatalogueRef[];
  /** Share of asks that are counterfeit (documented per venture in docs/ventures.md). */
  readonly counterfeitRate: number;
  /** Share of comps that are outliers. */
  readonly outlierRate: number;
  /** Log-noise of a comp around the latent value. */
  readonly compNoise: number;
  /** Mean and spread of an ask around the latent value, in logs. */
  readonly askBias: number;
  readonly askNoise: number;
  /** Buyer-side processing fee, fraction of the ask, and shipping in, cents. */
  readonly buyerFeePct: number;
  readonly shippingInCents: number;
  /** Retail drops per reference per day (for references with a retail price). */
  readonly dropsPerDay: number;
  /** Categories whose asks come from another channel than the defaults' (documented per venture in docs/ventures.md). */
  readonly categories?: Readonly<Record<string, CategoryMarket>>;
}

/** What a category may set apart from its market's defaults: where its asks come from and what shipping them in costs. */
export type CategoryMarket = Partial<Pick<MarketParams, 'counterfeitRate' | 'askBias' | 'askNoise' | 'shippingInCents'>>;

/** The market parameters that apply to `category`: the defaults with its own settings over them. */
export function marketFor(p: MarketParams, category: string): MarketParams {
  const own = p.categories?.[category];
  return own ? { ...p, ...own } : p;
}

/** How far below a genuine ask a counterfeit is priced (documented in docs/ventures.md). */
export const COUNTERFEIT_DISCOUNT = 0.15;

const STREAM = { value30: 1, value7: 2, comp: 3, compPrice: 4, outlier: 5, offer: 6, askPrice: 7, fake: 8, life: 9, drop: 10 } as const;
const HOUR = MS.hour;

/** FNV-1a of a string: a stable number per reference for its streams. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function keyOf(seed: number, ref: string, stream: number): number {
  return streamKey(seedKey(seed), (hashString(ref) % 0x3fffff) * 16 + stream);
}

/** A smooth noise in [-~3, ~3]: normals at integer points blended with smoothstep. */
function smoothNoise(k: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const w = f * f * (3 - 2 * f);
  const a = normal(k, 2 * (i & 0x3fffffff));
  const b = normal(k, 2 * ((i + 1) & 0x3fffffff));
  return a + (b - a) * w;
}

/** The reference's true value at `t`, cents (what the market would pay on average). */
export function latentValueCents(p: Pick<MarketParams, 'seed'>, r: CatalogueRef, t: number): number {
  const day = t / MS.day;
  const z = 0.75 * smoothNoise(keyOf(p.seed, r.ref, STREAM.value30), day / 30) + 0.35 * smoothNoise(keyOf(p.seed, r.ref, STREAM.value7), day / 7);
  return Math.round(r.valueCents * Math.exp(r.vol * z));
}

/** Comparable sales of `r` in (now − window, now]. */
export function compSales(p: MarketParams, r: CatalogueRef, nowMs: number, windowMs: number): CompSale[] {
  const out: CompSale[] = [];
  const last = Math.floor(nowMs / HOUR);
  const first = Math.floor((nowMs - windowMs) / HOUR) + 1;
  const kc = keyOf(p.seed, r.ref, STREAM.comp);
  for (let h = first; h <= last; h++) {
    const slot = h & 0x3fffffff;
    if (uniform(kc, slot) >= r.salesPerDay / 24) continue;
    const at = h * HOUR + Math.floor(uniform(kc, slot + 0x40000000) * HOUR);
    if (at > nowMs) continue;
    let price = latentValueCents(p, r, at) * Math.exp(p.compNoise * normal(keyOf(p.seed, r.ref, STREAM.compPrice), 2 * slot));
    const o = uniform(keyOf(p.seed, r.ref, STREAM.outlier), slot);
    if (o < p.outlierRate) price *= o < p.outlierRate / 2 ? 0.45 : 2.2;
    out.push({ ref: r.ref, priceCents: Math.max(100, Math.round(price)), at });
  }
  return out;
}

/** Whether offer `id` is counterfeit: hidden from the buyer, known to the simulator's authenticator. */
export function isCounterfeit(p: MarketParams, ref: string, slot: number, j: number): boolean {
  return uniform(keyOf(p.seed, ref, STREAM.fake), (slot & 0x3fffffff) * 4 + j) < p.counterfeitRate;
}

export function offerId(ref: string, slot: number, j: number): string {
  return `${ref}|${slot}|${j}`;
}

export function parseOfferId(id: string): { ref: string; slot: number; j: number } | undefined {
  const m = /^(.+)\|(\d+)\|(\d)$/.exec(id);
  return m ? { ref: m[1]!, slot: Number(m[2]), j: Number(m[3]) } : undefined;
}

/** The ask `j` of hour `slot` for `r` if one was posted, with the hour it expires; undefined otherwise. */
export function askAt(market: MarketParams, r: CatalogueRef, slot: number, j: number): { offer: Offer; untilMs: number } | undefined {
  const p = marketFor(market, r.category);
  const s = slot & 0x3fffffff;
  if (j === 3) {
    // The retail drop: at most one per reference and hour, two hours long, at retail.
    if (r.retailCents === undefined || uniform(keyOf(p.seed, r.ref, STREAM.drop), s) >= p.dropsPerDay / 24) return undefined;
    const price = r.retailCents;
    return { offer: { id: offerId(r.ref, slot, j), ref: r.ref, title: r.title, category: r.category, priceCents: price, buyerFeesCents: Math.round(price * 0.09) + p.shippingInCents, qty: 1, attrs: { retail_drop: true, platform: r.platform } }, untilMs: (slot + 2) * HOUR };
  }
  if (uniform(keyOf(p.seed, r.ref, STREAM.offer), s * 4 + j) >= r.offersPerDay / 24 / 3) return undefined;
  const fake = isCounterfeit(p, r.ref, slot, j);
  const value = latentValueCents(p, r, slot * HOUR);
  const z = normal(keyOf(p.seed, r.ref, STREAM.askPrice), 2 * (s * 4 + j));
  const price = Math.max(100, Math.round(value * Math.exp(p.askBias + p.askNoise * z) * (fake ? 1 - COUNTERFEIT_DISCOUNT : 1)));
  const lifeHours = 1 + Math.floor(uniform(keyOf(p.seed, r.ref, STREAM.life), s * 4 + j) * 24);
  const offer: Offer = { id: offerId(r.ref, slot, j), ref: r.ref, title: r.title, category: r.category, priceCents: price, buyerFeesCents: Math.round(price * p.buyerFeePct) + p.shippingInCents, qty: 1, attrs: { platform: r.platform, retail_drop: false } };
  return { offer, untilMs: (slot + lifeHours) * HOUR };
}

/** Every ask open at `nowMs` (posted in the last day and not yet expired). */
export function openAsks(p: MarketParams, nowMs: number): Offer[] {
  const out: Offer[] = [];
  const now = Math.floor(nowMs / HOUR);
  for (const r of p.catalogue) {
    for (let slot = now - 24; slot <= now; slot++) {
      for (let j = 0; j < 4; j++) {
        const a = askAt(p, r, slot, j);
        if (a && slot * HOUR <= nowMs && a.untilMs > nowMs) out.push(a.offer);
      }
    }
  }
  return out;
}
