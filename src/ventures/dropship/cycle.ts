/**
 * The dropshipping venture's steps in the shared lifecycle. A listing is the opportunity: it reserves
 * its inventory exposure (units × supplier cost) against the budget, and is created only when the
 * product's net margin after fees, shipping, ads and returns lies in the band. Each order the store
 * reports is bought from the supplier (idempotent on the order) and booked; returns and chargebacks
 * are booked as they come. Crash safety: a listing is written as a draft before the store is asked
 * (a restart re-submits it with the same client id), and the event cursor moves only after every
 * event before it is booked under its own key, so a kill -9 loses and duplicates nothing. While risk
 * is not ACTIVE, active listings are paused (no new orders, hence no new supplier purchases).
 */
import type { DocOf, Mode } from '../../contracts/contract.js';
import { trendingProducts } from '../../contracts/inputs.js';
import { dropshipListings, dropshipProfit } from '../../contracts/ventures.js';
import type { Marketplace, MarketplaceEvent } from '../../core/marketplace.js';
import { toCents } from '../../core/venue.js';
import type { Logger } from '../../log/logger.js';
import type { StateStore } from '../../store/file-store.js';
import type { CycleContext, Opportunity, VentureCycle } from '../shared/agent.js';
import { platformFeeCents } from './fees.js';
import { cancelledRow, chargebackRow, returnRow, saleRow } from './rows.js';
import type { DropshipOwnSettings } from './settings.js';
import { listingExposure, listingVerdict, valueProduct } from './valuation.js';

type Doc = DocOf<typeof dropshipListings>;
type Listing = Doc['listings'][number];
type Payload = Opportunity['payload'];

/** Trending documents older than this are not acted on (the trend may be over). */
export const TRENDS_MAX_AGE_MS = 2 * 86_400_000;

export interface DropshipDeps {
  readonly store: StateStore;
  readonly log: Logger;
  readonly marketplace: Marketplace;
  readonly mode: Mode;
  readonly own: DropshipOwnSettings;
}

const num = (p: Payload, k: string): number => (typeof p[k] === 'number' ? (p[k] as number) : NaN);
const str = (p: Payload, k: string): string => (typeof p[k] === 'string' ? (p[k] as string) : '');

export function dropshipCycle(d: DropshipDeps): VentureCycle {
  const { store, marketplace: mp, own } = d;
  const ledger = store.ledger(dropshipProfit);
  let doc: Doc = store.get(dropshipListings) ?? { updated_at: new Date(0).toISOString(), simulated: mp.simulated, listings: [] };
  let reasserted = false;

  const save = (now: number): void => {
    doc = { ...doc, updated_at: new Date(now).toISOString(), simulated: mp.simulated };
    store.write(dropshipListings, doc);
  };
  const put = (l: Listing): void => {
    doc = { ...doc, listings: [...doc.listings.filter((x) => x.id !== l.id), l] };
  };
  const live = (l: Listing): boolean => l.status === 'draft' || l.status === 'active';

  /** The opportunity of listing product `payload` now: valued with today's settings. */
  const toOpportunity = (id: string, p: Payload): Opportunity | undefined => {
    const terms = { supplierCostCents: num(p, 'supplier_cost_cents'), shippingCents: num(p, 'shipping_cents'), priceCents: num(p, 'price_cents') };
    if (![terms.supplierCostCents, terms.shippingCents, terms.priceCents].every(Number.isInteger)) return undefined;
    const v = valueProduct(terms, own);
    if (!listingVerdict(v, own.saleMargin).list) return undefined;
    const x = listingExposure(terms, v, own.unitsPerListing);
    return { id, summary: `list ${str(p, 'title')} at $${(terms.priceCents / 100).toFixed(2)} (net margin ${(v.margin * 100).toFixed(1)} %, ${own.unitsPerListing} units exposure)`, ...x, payload: p };
  };

  /** Ask the store for the listing (idempotent on its id) and record the answer. */
  const publish = async (l: Listing, now: number): Promise<void> => {
    const r = await mp.list({ clientId: l.id, itemId: l.product_id, priceCents: toCents(l.price) }, now);
    if (r.state === 'active') put({ ...l, status: 'active', listing_id: r.listingId, listed_at: l.listed_at ?? new Date(now).toISOString() });
    else {
      d.log.warn({ listing: l.id, code: r.code, detail: r.detail }, 'store refused the listing; retired');
      put({ ...l, status: 'retired' });
    }
  };

  const bookEvent = async (e: MarketplaceEvent): Promise<void> => {
    const listing = doc.listings.find((l) => l.listing_id === e.listingId);
    const listingId = e.listingId ?? 'unknown';
    if (e.type === 'sold') {
      if (ledger.has(`${e.id}:sale`)) return;
      const fee = e.feesCents > 0 ? e.feesCents : platformFeeCents(own.platform, e.amountCents);
      const maxPrice = listing ? Math.round(toCents(listing.cost) * 1.1) : e.amountCents;
      const bought = await mp.buy({ clientId: `po-${e.id}`, offerId: e.itemId ?? listing?.product_id ?? '', qty: 1, maxPriceCents: maxPrice }, e.at);
      if (bought.state === 'filled') {
        const ad = listing?.ad_cost !== undefined ? toCents(listing.ad_cost) : own.adCostPerSaleCents;
        ledger.append([saleRow(e.at, d.mode, e.id, listingId, { priceCents: e.amountCents, platformFeeCents: fee, goodsCents: bought.priceCents + bought.feesCents, adCents: ad })]);
      } else {
        d.log.warn({ order: e.id, code: bought.code }, 'supplier could not fill the order; cancelled and refunded');
        ledger.append([cancelledRow(e.at, d.mode, e.id, listingId, fee)]);
      }
      return;
    }
    const orderId = e.detail ?? '';
    const sale = ledger.readAll().find((r) => r.key === `${orderId}:sale`);
    // Only a fulfilled order can come back or be disputed; an unknown one is logged, never guessed.
    if (!sale || sale.status !== 'fulfilled') {
      if (e.type === 'returned' || e.type === 'refund') d.log.warn({ event: e.id, order: orderId }, 'refund for an order without a fulfilled sale; not booked');
      return;
    }
    if (e.type === 'returned') ledger.append([returnRow(e.at, d.mode, orderId, listingId, e.amountCents)]);
    else if (e.type === 'refund') ledger.append([chargebackRow(e.at, d.mode, orderId, listingId, e.amountCents)]);
  };

  return {
    async settle(c: CycleContext) {
      if (!reasserted) {
        // A restart (or a store that lost our request) gets every live listing again, same client ids.
        for (const l of doc.listings.filter(live)) await publish(l, c.now);
        save(c.now);
        reasserted = true;
      }
      const { events, cursor } = await mp.events(doc.cursor, c.now);
      for (const e of events) await bookEvent(e);
      doc = { ...doc, cursor };
      save(c.now);
    },
    book() {
      let committed = 0;
      for (const l of doc.listings) if (live(l)) committed += toCents(l.exposure ?? l.cost * (l.units ?? own.unitsPerListing));
      let realized = 0;
      for (const r of ledger.readAll()) realized += toCents(r.profit);
      return { committedCents: committed, realizedCents: realized };
    },
    async opportunities(c) {
      const trends = store.get(trendingProducts);
      if (!trends || c.now - Date.parse(trends.updated_at) > TRENDS_MAX_AGE_MS) {
        d.log.warn({ updated_at: trends?.updated_at ?? null }, 'state/trending_products.json missing or stale; no new listings');
        return [];
      }
      const out: Opportunity[] = [];
      for (const p of trends.products) {
        const generation = doc.listings.filter((l) => l.product_id === p.id).length;
        if (doc.listings.some((l) => l.product_id === p.id && live(l))) continue;
        const payload: Payload = {
          product_id: p.id,
          title: p.title,
          supplier: p.supplier,
          supplier_cost_cents: toCents(p.supplier_cost),
          shipping_cents: toCents(p.shipping_cost ?? 0),
          price_cents: toCents(p.market_price),
        };
        const o = toOpportunity(`ds-${p.id}-${generation}`, payload);
        if (o) out.push(o);
      }
      return out;
    },
    async revive(payload) {
      const trends = store.get(trendingProducts);
      const id = str(payload, 'product_id');
      if (!trends?.products.some((p) => p.id === id)) return undefined;
      return toOpportunity(`ds-${id}-${doc.listings.filter((l) => l.product_id === id).length}`, payload);
    },
    acted: (id) => doc.listings.some((l) => l.id === id),
    async act(o, _decision, c) {
      const p = o.payload;
      const goods = num(p, 'supplier_cost_cents') + num(p, 'shipping_cents');
      const v = valueProduct({ supplierCostCents: num(p, 'supplier_cost_cents'), shippingCents: num(p, 'shipping_cents'), priceCents: num(p, 'price_cents') }, own);
      const draft: Listing = {
        id: o.id,
        product_id: str(p, 'product_id'),
        title: str(p, 'title'),
        supplier: str(p, 'supplier'),
        platform: own.platform,
        cost: goods / 100,
        price: num(p, 'price_cents') / 100,
        margin: Math.round(v.margin * 10_000) / 10_000,
        status: 'draft',
        listing_id: null,
        units: own.unitsPerListing,
        exposure: o.costCents / 100,
        ad_cost: own.adCostPerSaleCents / 100,
        listed_at: null,
      };
      // Write-ahead: the draft is on disk before the store hears of it.
      put(draft);
      save(c.now);
      await publish(draft, c.now);
      save(c.now);
    },
    async account(c) {
      const trending = new Set((store.get(trendingProducts)?.products ?? []).map((p) => p.id));
      for (const l of doc.listings) {
        if (l.status !== 'active' || !l.listing_id) continue;
        const faded = !trending.has(l.product_id);
        if (!faded && c.risk.state === 'ACTIVE') continue;
        await mp.delist(l.listing_id, c.now);
        // Paused for risk (no new orders, so no new supplier purchases); retired when the trend is over.
        put({ ...l, status: faded ? 'retired' : 'paused' });
      }
      save(c.now);
    },
  };
}
