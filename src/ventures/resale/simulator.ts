/**
 * A deterministic resale marketplace (SIMULATED): asks and comps from sim-market.ts, and a venue
 * that remembers what the agent did (purchases, listings) in a journal, as a real marketplace
 * would, so the same client id always gets the first answer, also after the agent restarts.
 * What happens next is a pure function of that memory, the seed and the time:
 * - a purchase arrives and is authenticated after 2–5 days: a counterfeit is caught with the
 *   authenticator's detection rate (the purchase price is refunded; buyer fees, the authentication
 *   fee and return shipping are lost), else it passes as genuine and slips through;
 * - a listing sells after an exponential delay whose mean grows with the price over the latent value;
 * - a counterfeit that slipped through and sold is caught by the buyer's platform and returned:
 *   the sale is refunded and the item is worthless.
 * Items closed (refunded, or sold and past any return) a horizon before the agent's saved cursor are
 * dropped from the journal, which so stays bounded.
 */
import { MS } from '../../core/clock.js';
import type { ResaleSimState } from '../../contracts/resale-sim.js';
import type { BuyRequest, CompSale, ListRequest, Listing, Marketplace, MarketplaceEvent, Offer, Purchase } from '../../core/marketplace.js';
import { uniform, seedKey, streamKey } from '../../market/rng.js';
import { compactionMark, markAdvanced } from '../shared/journal-horizon.js';
import { FEE_SCHEDULES, sellerFeesCents } from './fees.js';
import { compactResaleState } from './journal.js';
import { askAt, compSales, hashString, isCounterfeit, latentValueCents, marketFor, openAsks, parseOfferId, type CatalogueRef, type MarketParams } from './sim-market.js';
import type { VenueJournal } from '../shared/venue-memory.js';

export interface VenueParams {
  /** Share of counterfeits the authenticator catches. */
  readonly detectionRate: number;
  readonly authDelayDays: readonly [number, number];
  readonly authFeeCents: number;
  /** Mean days to sell at the latent value, and how fast it grows with the price premium: mean · e^(k·(price/value − 1)). */
  readonly meanDaysToSell: number;
  readonly priceSensitivity: number;
  readonly shippingOutCents: number;
  readonly returnShippingCents: number;
  readonly returnDelayDays: number;
  /** How far back comps go, ms. */
  readonly compsWindowMs: number;
  /** Categories handled differently from the defaults (an insured watch courier is not a scarf's envelope). */
  readonly categories?: Readonly<Record<string, CategoryVenue>>;
}

/** What a category may set apart from its venue's defaults: authentication, shipping, and how fast it sells. */
export type CategoryVenue = Partial<Pick<VenueParams, 'detectionRate' | 'authFeeCents' | 'meanDaysToSell' | 'shippingOutCents' | 'returnShippingCents'>>;

/** The venue parameters that apply to `category`: the defaults with its own settings over them. */
export function venueFor(v: VenueParams, category: string): VenueParams {
  const own = v.categories?.[category];
  return own ? { ...v, ...own } : v;
}

export type SimJournal = VenueJournal<ResaleSimState>;

export function memoryJournal(): SimJournal {
  let s: ResaleSimState | undefined;
  return { load: () => s && structuredClone(s), save: (n) => void (s = structuredClone(n)) };
}

type SimPurchase = ResaleSimState['purchases'][string];

const empty = (): ResaleSimState => ({ updated_at: new Date(0).toISOString(), simulated: true, purchases: {}, items: {}, listings: {} });

export function createResaleSimulator(name: string, market: MarketParams, venue: VenueParams, journal: SimJournal): Marketplace {
  const refs = new Map<string, CatalogueRef>(market.catalogue.map((r) => [r.ref, r]));
  /** The venue's parameters for the category of the item of reference `ref`. */
  const venueOf = (ref: string): VenueParams => venueFor(venue, refs.get(ref)?.category ?? '');
  const k = (stream: number, id: string): number => uniform(streamKey(seedKey(market.seed), 0x500000 + stream), hashString(id));
  let state: ResaleSimState | undefined;
  const book = (): ResaleSimState => (state ??= journal.load() ?? empty());
  const save = (now: number): void => {
    const s = book();
    s.updated_at = new Date(now).toISOString();
    journal.save(s);
  };

  const listingSaleAt = (id: string, l: ResaleSimState['listings'][string]): number => {
    const item = book().items[l.item_id]!;
    const ref = refs.get(item.ref)!;
    const value = latentValueCents(market, ref, l.since);
    const { meanDaysToSell } = venueOf(item.ref);
    const meanDays = meanDaysToSell * Math.exp(venue.priceSensitivity * (l.price_cents / value - 1));
    const u = k(1, `${id}#${l.version}`);
    return l.since + 1 + Math.floor(-Math.log(u) * meanDays * MS.day);
  };
  const soldAt = (id: string, l: ResaleSimState['listings'][string], now: number): number | undefined => {
    const at = listingSaleAt(id, l);
    return at <= now && (l.delisted_at === null || at < l.delisted_at) ? at : undefined;
  };
  const listingOf = (id: string, now: number): Listing => {
    const l = book().listings[id];
    if (!l) return { clientId: '', listingId: id, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `no listing ${id}` };
    const state = soldAt(id, l, now) !== undefined ? 'sold' : l.delisted_at !== null ? 'delisted' : 'active';
    return { clientId: l.client_id, listingId: id, itemId: l.item_id, priceCents: l.price_cents, state };
  };

  const findOffer = (offerIdText: string, now: number): Offer | undefined => {
    const p = parseOfferId(offerIdText);
    const r = p && refs.get(p.ref);
    if (!p || !r) return undefined;
    const a = askAt(market, r, p.slot, p.j);
    return a && p.slot * MS.hour <= now && a.untilMs > now ? a.offer : undefined;
  };
  const takenOffers = (): Set<string> => new Set(Object.values(book().purchases).filter((p) => p.state === 'filled').map((p) => p.offer_id));

  return {
    name,
    simulated: true,
    async scan(now) {
      const taken = takenOffers();
      return openAsks(market, now).filter((o) => !taken.has(o.id));
    },
    async comps(ref, now): Promise<readonly CompSale[]> {
      const r = refs.get(ref);
      return r ? compSales(market, r, now, venue.compsWindowMs) : [];
    },
    async buy(req: BuyRequest, now): Promise<Purchase> {
      const s = book();
      const seen = s.purchases[req.clientId];
      const answer = (p: SimPurchase): Purchase => ({ clientId: req.clientId, state: p.state, itemIds: p.item_id ? [p.item_id] : [], priceCents: p.price_cents, feesCents: p.fees_cents, ...(p.code ? { code: p.code } : {}), ...(p.detail ? { detail: p.detail } : {}) });
      if (seen) return answer(seen);
      const offer = takenOffers().has(req.offerId) ? undefined : findOffer(req.offerId, now);
      let rec: SimPurchase;
      if (!offer || req.qty !== 1) rec = { state: 'rejected', item_id: null, offer_id: req.offerId, price_cents: 0, fees_cents: 0, at: now, code: 'SOLD_OUT', detail: `offer ${req.offerId} is no longer available` };
      else if (offer.priceCents > req.maxPriceCents) rec = { state: 'rejected', item_id: null, offer_id: req.offerId, price_cents: offer.priceCents, fees_cents: 0, at: now, code: 'PRICE_MOVED', detail: `ask ${offer.priceCents} above the limit ${req.maxPriceCents}` };
      else {
        const itemId = `${req.clientId}#1`;
        const p = parseOfferId(offer.id)!;
        const counterfeit = p.j < 3 && isCounterfeit(marketFor(market, offer.category), p.ref, p.slot, p.j);
        const [lo, hi] = venue.authDelayDays;
        const authAt = now + Math.floor((lo + (hi - lo) * k(2, itemId)) * MS.day);
        const passed = !counterfeit || k(3, itemId) >= venueOf(offer.ref).detectionRate;
        s.items[itemId] = { ref: offer.ref, counterfeit, bought_at: now, price_cents: offer.priceCents, auth_at: authAt, auth_passed: passed };
        rec = { state: 'filled', item_id: itemId, offer_id: offer.id, price_cents: offer.priceCents, fees_cents: offer.buyerFeesCents, at: now };
      }
      s.purchases[req.clientId] = rec;
      save(now);
      return answer(rec);
    },
    async list(req: ListRequest, now): Promise<Listing> {
      const s = book();
      const existing = Object.entries(s.listings).find(([, l]) => l.client_id === req.clientId);
      if (existing) return listingOf(existing[0], now);
      const item = s.items[req.itemId];
      const reject = (code: string, detail: string): Listing => ({ clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code, detail });
      if (!item) return reject('UNKNOWN_ITEM', `no item ${req.itemId}`);
      if (now < item.auth_at) return reject('NOT_DELIVERED', `item ${req.itemId} arrives at ${new Date(item.auth_at).toISOString()}`);
      if (!item.auth_passed) return reject('NOT_OWNED', `item ${req.itemId} failed authentication and went back to its seller`);
      if (!Number.isInteger(req.priceCents) || req.priceCents <= 0) return reject('BAD_PRICE', `price ${req.priceCents} must be whole cents > 0`);
      const id = `L-${req.clientId}`;
      s.listings[id] = { client_id: req.clientId, item_id: req.itemId, price_cents: req.priceCents, listed_at: now, since: now, version: 0, delisted_at: null };
      save(now);
      return listingOf(id, now);
    },
    async reprice(listingId, priceCents, now) {
      const current = listingOf(listingId, now);
      const l = book().listings[listingId];
      if (!l || current.state !== 'active' || l.price_cents === priceCents) return current;
      Object.assign(l, { price_cents: priceCents, since: now, version: l.version + 1 });
      save(now);
      return listingOf(listingId, now);
    },
    async delist(listingId, now) {
      const current = listingOf(listingId, now);
      const l = book().listings[listingId];
      if (!l || current.state !== 'active') return current;
      l.delisted_at = now;
      save(now);
      return listingOf(listingId, now);
    },
    async events(cursor, now) {
      const after = cursor === undefined ? -Infinity : Number(cursor);
      const s = book();
      // The agent sends only a cursor it saved: what closed a horizon before it is never asked for again.
      const mark = compactionMark(cursor);
      if (markAdvanced(mark, s.compacted_through)) {
        compactResaleState(s, mark, (id, l) => soldAt(id, l, mark), venue.returnDelayDays * MS.day);
        save(now);
      }
      const out: MarketplaceEvent[] = [];
      for (const [itemId, item] of Object.entries(s.items)) {
        const refund = item.auth_passed ? undefined : item.price_cents;
        const v = venueOf(item.ref);
        out.push(
          refund === undefined
            ? { id: `auth:${itemId}`, at: item.auth_at, type: 'authenticated', itemId, amountCents: 0, feesCents: v.authFeeCents }
            : { id: `auth:${itemId}`, at: item.auth_at, type: 'authentication_failed', itemId, amountCents: refund, feesCents: v.authFeeCents + v.returnShippingCents, detail: 'counterfeit: purchase price refunded by the marketplace' },
        );
      }
      for (const [id, l] of Object.entries(s.listings)) {
        const at = soldAt(id, l, Number.MAX_SAFE_INTEGER);
        if (at === undefined) continue;
        const item = s.items[l.item_id]!;
        const platform = FEE_SCHEDULES[refs.get(item.ref)!.platform];
        const v = venueOf(item.ref);
        out.push({ id: `sold:${id}`, at, type: 'sold', itemId: l.item_id, listingId: id, amountCents: l.price_cents, feesCents: sellerFeesCents(platform, l.price_cents) + v.shippingOutCents });
        if (item.counterfeit) {
          out.push({ id: `returned:${id}`, at: at + venue.returnDelayDays * MS.day, type: 'returned', itemId: l.item_id, listingId: id, amountCents: l.price_cents, feesCents: v.returnShippingCents, detail: "counterfeit caught by the buyer's platform: sale refunded" });
        }
      }
      const events = out.filter((e) => e.at > after && e.at <= now).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
      return { events, cursor: String(now) };
    },
  };
}
