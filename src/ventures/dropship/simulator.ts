/**
 * SIMULATED dropshipping marketplace: a storefront and a supplier in one deterministic venue.
 * Orders for an active listing arrive hour by hour from the trend simulator's demand curve at the
 * listing's price (Poisson, a pure function of seed, product and hour); each order later comes back
 * with the configured return rate (5–25 days after it) or as a chargeback (0.6 %, 30 days after).
 * The supplier side sells each order's unit at the product's supplier cost plus shipping, and is out
 * of stock on 2 % of orders. Every action is idempotent on its client id. The venue remembers what a
 * real store and supplier would — our listings with their prices, the orders they took (each with the
 * return or chargeback it will see) and the supplier purchases — in a journal
 * (runtime/dropship_market_sim.json in the mesh), written before any answer is returned, so a
 * restarted agent finds every listing, order and return where it was and a run with a restart books
 * exactly what an uninterrupted run does. Closed entries past the journal horizon are dropped.
 */
import type { DropshipSimState } from '../../contracts/dropship-sim.js';
import type { BuyRequest, Listing, ListRequest, Marketplace, MarketplaceEvent, Offer, Purchase } from '../../core/marketplace.js';
import { mix32, seedKey, streamKey, uniform } from '../../market/rng.js';
import { dailyDemand, productIndex, simProduct, trendingAt, trendScore, type SimProduct } from '../../market/commerce/trends.js';
import { assertNotCompacted, compactionMark, markAdvanced } from '../shared/journal-horizon.js';
import { platformFeeCents, type Platform } from './fees.js';
import { compactDropshipState, memoryDropshipJournal, type DropshipSimJournal } from './sim-journal.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const SUPPLIER_STOCKOUT_RATE = 0.02;
export const CHARGEBACK_RATE = 0.006;

export interface DropshipSimOptions {
  readonly seed: number;
  readonly platform: Platform;
  readonly returnRate: number;
  /** Where the venue keeps its memory; in memory (lost with the process) when not given. */
  readonly journal?: DropshipSimJournal;
}

type SimListing = DropshipSimState['listings'][string];
type SimOrder = DropshipSimState['orders'][string];
type SimPurchase = DropshipSimState['purchases'][string];

const empty = (): DropshipSimState => ({ updated_at: new Date(0).toISOString(), simulated: true, listings: {}, orders: {}, purchases: {} });

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

/** The listing's price in force when an hour closes at `closeMs` (a reprice at that very moment counts from the next hour). */
function priceAt(l: SimListing, closeMs: number): number {
  let price = l.prices[0]!.price_cents;
  for (const p of l.prices) if (p.from < closeMs) price = p.price_cents;
  return price;
}

/** The simulator, which can also be told how far the agent has booked when its store side is not the one in use. */
export interface DropshipSimMarketplace extends Marketplace {
  /**
   * As the store's events cursor tells the simulator in sim mode: every order placed before
   * `bookedThroughMs` is booked, so the supplier purchases (and anything else closed) a journal
   * horizon before it are dropped. For a real storefront (Shopify), whose cursor the simulator never sees.
   */
  compactSupplier(bookedThroughMs: number, nowMs: number): void;
}

export function simulatedDropshipMarketplace(opts: DropshipSimOptions): DropshipSimMarketplace {
  const key = seedKey(opts.seed);
  const journal = opts.journal ?? memoryDropshipJournal();
  let state: DropshipSimState | undefined;
  const book = (): DropshipSimState => (state ??= journal.load() ?? empty());
  const save = (now: number): void => {
    const s = book();
    s.updated_at = new Date(now).toISOString();
    journal.save(s);
  };

  const productOf = (id: string): SimProduct | undefined => {
    const k = productIndex(id);
    return k === undefined ? undefined : simProduct(opts.seed, k);
  };

  /** The orders of one listing in hour bucket `b` (pure in seed, product, bucket and price). */
  const ordersIn = (l: SimListing, p: SimProduct, b: number): [string, SimOrder][] => {
    const sk = streamKey(key, 0x0d00 + p.index);
    const atMs = (b + 1) * HOUR;
    const priceCents = priceAt(l, atMs);
    const n = poisson(dailyDemand(p, b * HOUR, priceCents) / 24, uniform(sk, b * 64));
    const out: [string, SimOrder][] = [];
    for (let i = 0; i < n; i++) {
      const c = b * 64 + 1 + i * 4;
      const returned = uniform(sk, c) < opts.returnRate;
      const charged = !returned && uniform(sk, c + 1) < CHARGEBACK_RATE;
      out.push([
        `${l.listing_id}-o${b}-${i}`,
        {
          listing_id: l.listing_id,
          product_id: p.id,
          price_cents: priceCents,
          fees_cents: platformFeeCents(opts.platform, priceCents),
          at: atMs,
          return_at: returned ? atMs + Math.round(5 + uniform(sk, c + 2) * 20) * DAY : null,
          chargeback_at: charged ? atMs + 30 * DAY : null,
        },
      ]);
    }
    return out;
  };

  /** Record every order a listing took in hours closing up to `now` (or until it came down). */
  const takeOrders = (s: DropshipSimState, l: SimListing, now: number): void => {
    const end = Math.min(l.until ?? now, now);
    const p = productOf(l.product_id);
    if (!p || end <= l.orders_through) return;
    // Hours whose close falls in (orders_through, end].
    for (let b = Math.floor(l.orders_through / HOUR); (b + 1) * HOUR <= end; b++) {
      if ((b + 1) * HOUR <= l.orders_through) continue;
      for (const [id, o] of ordersIn(l, p, b)) s.orders[id] = o;
    }
    l.orders_through = end;
  };

  const byListingId = (listingId: string): SimListing | undefined => Object.values(book().listings).find((l) => l.listing_id === listingId);
  const answerOf = (clientId: string, l: SimListing): Listing => ({
    clientId,
    listingId: l.listing_id,
    itemId: l.product_id,
    priceCents: l.prices[l.prices.length - 1]!.price_cents,
    state: l.until === null ? 'active' : 'delisted',
  });
  const listingOf = (listingId: string): Listing => {
    const found = Object.entries(book().listings).find(([, l]) => l.listing_id === listingId);
    return found ? answerOf(found[0], found[1]) : { clientId: listingId, listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `no listing ${listingId}` };
  };
  const purchaseAnswer = (clientId: string, p: SimPurchase): Purchase => ({
    clientId,
    state: p.state,
    itemIds: p.state === 'filled' ? [`${clientId}:unit`] : [],
    priceCents: p.price_cents,
    feesCents: p.fees_cents,
    ...(p.code ? { code: p.code } : {}),
    ...(p.detail ? { detail: p.detail } : {}),
  });

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
    async buy(req: BuyRequest, nowMs): Promise<Purchase> {
      const s = book();
      const seen = s.purchases[req.clientId];
      if (seen) return purchaseAnswer(req.clientId, seen);
      assertNotCompacted(`supplier purchase ${req.clientId}`, nowMs, s.compacted_through);
      const p = productOf(req.offerId);
      const base = { offer_id: req.offerId, qty: req.qty, at: nowMs };
      const reject = (code: string, detail: string): SimPurchase => ({ ...base, state: 'rejected', price_cents: 0, fees_cents: 0, code, detail });
      let rec: SimPurchase;
      if (!p) rec = reject('UNKNOWN_PRODUCT', `supplier has no product ${req.offerId}`);
      else if (p.supplierCostCents > req.maxPriceCents) rec = reject('PRICE_MOVED', `supplier price ${p.supplierCostCents} above ${req.maxPriceCents}`);
      else if (uniform(key, hashText(req.clientId)) < SUPPLIER_STOCKOUT_RATE) rec = reject('OUT_OF_STOCK', `${p.supplier} is out of ${p.title}`);
      else rec = { ...base, state: 'filled', price_cents: p.supplierCostCents, fees_cents: p.shippingCents * req.qty };
      s.purchases[req.clientId] = rec;
      save(nowMs);
      return purchaseAnswer(req.clientId, rec);
    },
    async list(req: ListRequest, nowMs): Promise<Listing> {
      const s = book();
      const seen = s.listings[req.clientId];
      if (seen) return answerOf(req.clientId, seen);
      const p = productOf(req.itemId);
      if (!p) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'UNKNOWN_PRODUCT', detail: `no product ${req.itemId}` };
      const l: SimListing = { listing_id: `lst-${req.clientId}`, product_id: p.id, since: nowMs, until: null, prices: [{ from: nowMs, price_cents: req.priceCents }], orders_through: nowMs };
      s.listings[req.clientId] = l;
      save(nowMs);
      return answerOf(req.clientId, l);
    },
    async reprice(listingId, priceCents, nowMs) {
      const l = byListingId(listingId);
      if (l && l.until === null && l.prices[l.prices.length - 1]!.price_cents !== priceCents) {
        // Orders of the hours before the new price are taken at the old one.
        takeOrders(book(), l, nowMs);
        l.prices.push({ from: nowMs, price_cents: priceCents });
        save(nowMs);
      }
      return listingOf(listingId);
    },
    async delist(listingId, nowMs) {
      const l = byListingId(listingId);
      if (l && l.until === null) {
        takeOrders(book(), l, nowMs);
        l.until = nowMs;
        save(nowMs);
      }
      return listingOf(listingId);
    },
    compactSupplier(bookedThroughMs, nowMs) {
      const s = book();
      const mark = compactionMark(String(bookedThroughMs));
      if (!markAdvanced(mark, s.compacted_through)) return;
      compactDropshipState(s, mark);
      save(nowMs);
    },
    async events(cursor, nowMs) {
      const from = cursor === undefined ? -Infinity : Number(cursor);
      const s = book();
      for (const l of Object.values(s.listings)) takeOrders(s, l, nowMs);
      // The agent sends only a cursor it saved: what closed a horizon before it is never asked for again.
      const mark = compactionMark(cursor);
      if (markAdvanced(mark, s.compacted_through)) compactDropshipState(s, mark);
      save(nowMs);
      const out: MarketplaceEvent[] = [];
      const inWindow = (t: number | null): t is number => t !== null && t > from && t <= nowMs;
      for (const [id, o] of Object.entries(s.orders)) {
        const base = { itemId: o.product_id, listingId: o.listing_id, amountCents: o.price_cents };
        if (inWindow(o.at)) out.push({ id, at: o.at, type: 'sold', ...base, feesCents: o.fees_cents });
        if (inWindow(o.return_at)) out.push({ id: `${id}:returned`, at: o.return_at, type: 'returned', ...base, feesCents: 0, detail: id });
        if (inWindow(o.chargeback_at)) out.push({ id: `${id}:chargeback`, at: o.chargeback_at, type: 'refund', ...base, feesCents: 0, detail: id });
      }
      out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      return { events: out, cursor: String(nowMs) };
    },
  };
}
