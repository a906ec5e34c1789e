/**
 * SIMULATED dropshipping marketplace: a storefront and a supplier in one deterministic venue.
 * Orders for an active listing arrive hour by hour from the trend simulator's demand curve at the
 * listing's price (Poisson, a pure function of seed, product and hour); each order later comes back
 * with the configured return rate (5–25 days after it) or as a chargeback (0.6 %, 30 days after).
 * The supplier side sells each order's unit at the product's supplier cost plus shipping, and is out
 * of stock on 2 % of orders. Every action is idempotent on its client id. The venue's memory is the
 * process's: a restarted agent re-asserts its listings (same client ids), as it would against a
 * real store that kept them.
 */
import type { BuyRequest, Listing, ListRequest, Marketplace, MarketplaceEvent, Offer, Purchase } from '../../core/marketplace.js';
import { mix32, seedKey, streamKey, uniform } from '../../market/rng.js';
import { dailyDemand, productIndex, simProduct, trendingAt, trendScore, type SimProduct } from '../../market/commerce/trends.js';
import { platformFeeCents, type Platform } from './fees.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const SUPPLIER_STOCKOUT_RATE = 0.02;
export const CHARGEBACK_RATE = 0.006;

export interface DropshipSimOptions {
  readonly seed: number;
  readonly platform: Platform;
  readonly returnRate: number;
}

interface SimListing {
  listing: Listing;
  product: SimProduct;
  since: number;
  until: number;
}

interface SimOrder {
  readonly id: string;
  readonly listingId: string;
  readonly productId: string;
  readonly priceCents: number;
  readonly feesCents: number;
  readonly atMs: number;
  readonly returnAtMs: number | undefined;
  readonly chargebackAtMs: number | undefined;
}

function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

/** Number of orders from a Poisson(mean) draw by inverse CDF on one uniform. */
function poisson(mean: number, u: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 50) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

export function simulatedDropshipMarketplace(opts: DropshipSimOptions): Marketplace {
  const key = seedKey(opts.seed);
  const listings = new Map<string, SimListing>();
  const byListingId = new Map<string, SimListing>();
  const purchases = new Map<string, Purchase>();
  const orders = new Map<string, SimOrder>();

  const productOf = (id: string): SimProduct | undefined => {
    const k = productIndex(id);
    return k === undefined ? undefined : simProduct(opts.seed, k);
  };

  /** The orders of one listing in hour bucket `b` (pure in seed, product, bucket and price). */
  const ordersIn = (l: SimListing, b: number): SimOrder[] => {
    const sk = streamKey(key, 0x0d00 + l.product.index);
    const atMs = (b + 1) * HOUR;
    const n = poisson(dailyDemand(l.product, b * HOUR, l.listing.priceCents) / 24, uniform(sk, b * 64));
    const out: SimOrder[] = [];
    for (let i = 0; i < n; i++) {
      const c = b * 64 + 1 + i * 4;
      const returned = uniform(sk, c) < opts.returnRate;
      const charged = !returned && uniform(sk, c + 1) < CHARGEBACK_RATE;
      out.push({
        id: `${l.listing.listingId}-o${b}-${i}`,
        listingId: l.listing.listingId,
        productId: l.product.id,
        priceCents: l.listing.priceCents,
        feesCents: platformFeeCents(opts.platform, l.listing.priceCents),
        atMs,
        returnAtMs: returned ? atMs + Math.round(5 + uniform(sk, c + 2) * 20) * DAY : undefined,
        chargebackAtMs: charged ? atMs + 30 * DAY : undefined,
      });
    }
    return out;
  };

  const listingOf = (listingId: string, clientId: string): Listing => {
    const l = byListingId.get(listingId);
    return l ? { ...l.listing } : { clientId, listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `no listing ${listingId}` };
  };

  return {
    name: 'dropship-sim',
    simulated: true,
    async scan(nowMs): Promise<readonly Offer[]> {
      return trendingAt(opts.seed, nowMs).map(({ product: p, score }) => ({
        id: p.id,
        ref: p.id,
        title: p.title,
        category: p.niche,
        priceCents: p.supplierCostCents,
        buyerFeesCents: p.shippingCents,
        qty: 1_000,
        attrs: { market_price_cents: p.marketPriceCents, trend_score: score, supplier: p.supplier },
      }));
    },
    async comps(ref, nowMs) {
      const p = productOf(ref);
      return p && trendScore(p, nowMs) > 0 ? [{ ref, priceCents: p.marketPriceCents, at: nowMs }] : [];
    },
    async buy(req: BuyRequest): Promise<Purchase> {
      const seen = purchases.get(req.clientId);
      if (seen) return seen;
      const p = productOf(req.offerId);
      const reject = (code: string, detail: string): Purchase => ({ clientId: req.clientId, state: 'rejected', itemIds: [], priceCents: 0, feesCents: 0, code, detail });
      let result: Purchase;
      if (!p) result = reject('UNKNOWN_PRODUCT', `supplier has no product ${req.offerId}`);
      else if (p.supplierCostCents > req.maxPriceCents) result = reject('PRICE_MOVED', `supplier price ${p.supplierCostCents} above ${req.maxPriceCents}`);
      else if (uniform(key, hashText(req.clientId)) < SUPPLIER_STOCKOUT_RATE) result = reject('OUT_OF_STOCK', `${p.supplier} is out of ${p.title}`);
      else result = { clientId: req.clientId, state: 'filled', itemIds: [`${req.clientId}:unit`], priceCents: p.supplierCostCents, feesCents: p.shippingCents * req.qty };
      purchases.set(req.clientId, result);
      return result;
    },
    async list(req: ListRequest, nowMs): Promise<Listing> {
      const seen = listings.get(req.clientId);
      if (seen) return { ...seen.listing };
      const p = productOf(req.itemId);
      if (!p) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'UNKNOWN_PRODUCT', detail: `no product ${req.itemId}` };
      const l: SimListing = { listing: { clientId: req.clientId, listingId: `lst-${req.clientId}`, itemId: req.itemId, priceCents: req.priceCents, state: 'active' }, product: p, since: nowMs, until: Infinity };
      listings.set(req.clientId, l);
      byListingId.set(l.listing.listingId, l);
      return { ...l.listing };
    },
    async reprice(listingId, priceCents) {
      const l = byListingId.get(listingId);
      if (l && l.listing.state === 'active') l.listing = { ...l.listing, priceCents };
      return listingOf(listingId, listingId);
    },
    async delist(listingId, nowMs) {
      const l = byListingId.get(listingId);
      if (l && l.listing.state === 'active') {
        l.listing = { ...l.listing, state: 'delisted' };
        l.until = nowMs;
      }
      return listingOf(listingId, listingId);
    },
    async events(cursor, nowMs) {
      const from = cursor === undefined ? -Infinity : Number(cursor);
      const out: MarketplaceEvent[] = [];
      for (const l of listings.values()) {
        const start = Math.max(l.since, from);
        const end = Math.min(l.until, nowMs);
        // Buckets whose closing hour falls in (start, end].
        for (let b = Math.floor(start / HOUR); (b + 1) * HOUR <= end; b++) {
          if ((b + 1) * HOUR <= start) continue;
          for (const o of ordersIn(l, b)) orders.set(o.id, o);
        }
      }
      for (const o of orders.values()) {
        const inWindow = (t: number | undefined): t is number => t !== undefined && t > from && t <= nowMs;
        if (inWindow(o.atMs)) out.push({ id: o.id, at: o.atMs, type: 'sold', itemId: o.productId, listingId: o.listingId, amountCents: o.priceCents, feesCents: o.feesCents });
        if (inWindow(o.returnAtMs)) out.push({ id: `${o.id}:returned`, at: o.returnAtMs, type: 'returned', itemId: o.productId, listingId: o.listingId, amountCents: o.priceCents, feesCents: 0, detail: o.id });
        if (inWindow(o.chargebackAtMs)) out.push({ id: `${o.id}:chargeback`, at: o.chargebackAtMs, type: 'refund', itemId: o.productId, listingId: o.listingId, amountCents: o.priceCents, feesCents: 0, detail: o.id });
      }
      out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      return { events: out, cursor: String(nowMs) };
    },
  };
}
