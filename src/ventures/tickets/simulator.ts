/**
 * SIMULATED secondary ticket marketplace over the simulated event calendar. Every 6 hours each open
 * event has four resale listings (pairs) asking around the market price with a 20 % log spread, plus
 * buyer fees of 10 %; an event whose primary sale is still open also offers face-value tickets at
 * its posted per-customer limit, with a 12 % service fee (only a person may buy those; the venue
 * refuses past the limit). A listing of ours meets one buyer an hour with a probability that rises
 * with demand; the buyer pays the ask if it is at most the market price × a 12 % log-normal taste.
 * Sales settle at once, less the seller fee; a cancelled event refunds every lot still held, all in.
 * Offers, buyers and prices are pure functions of (seed, event, time); the venue's memory of our
 * lots is rebuilt from their ids (an offer id names its event, time bucket and slot), so a restarted
 * agent can re-assert its listings. Every action is idempotent on its client id.
 */
import type { BuyRequest, Listing, ListRequest, Marketplace, MarketplaceEvent, Offer, Purchase } from '../../core/marketplace.js';
import { calendarAt, eventIndex, eventStateAt, marketPriceCents, primarySoldOut, simEvent, type SimEvent } from '../../market/commerce/events.js';
import { normal, seedKey, streamKey, uniform } from '../../market/rng.js';

const HOUR = 3_600_000;
const BUCKET = 6 * HOUR;
const DAY = 86_400_000;
export const OFFERS_PER_BUCKET = 4;
export const SECONDARY_BUYER_FEE = 0.1;
export const PRIMARY_SERVICE_FEE = 0.12;

export interface TicketSimOptions {
  readonly seed: number;
  readonly sellerFee: number;
}

interface SimLot {
  readonly id: string;
  readonly event: SimEvent;
  readonly qty: number;
  readonly paidCents: number;
}

interface SimListing {
  listing: Listing;
  lot: SimLot;
  since: number;
}

/** Offer ids: `{event id}:b{bucket}:s{slot}` for resale, `{event id}:primary` for face value. */
function parseOffer(id: string): { event: number; bucket: number; slot: number } | { event: number; primary: true } | undefined {
  const m = /^(sim-e-\d+):(?:b(\d+):s(\d+)|(primary))$/.exec(id);
  const ev = m ? eventIndex(m[1]!) : undefined;
  if (!m || ev === undefined) return undefined;
  return m[4] ? { event: ev, primary: true } : { event: ev, bucket: Number(m[2]), slot: Number(m[3]) };
}

export function simulatedTicketMarketplace(opts: TicketSimOptions): Marketplace {
  const sk = streamKey(seedKey(opts.seed), 0x7c1e);
  const purchases = new Map<string, Purchase>();
  const lots = new Map<string, SimLot>();
  const primaryBought = new Map<number, number>();
  const listings = new Map<string, SimListing>();
  const byListingId = new Map<string, SimListing>();
  const sold = new Set<string>();

  /** The resale offer in `slot` of `bucket` for event `e` (pure). */
  const resaleOffer = (e: SimEvent, bucket: number, slot: number): Offer => {
    const at = bucket * BUCKET;
    const c = (e.index * 100_000 + bucket) * 8 + slot * 2;
    const priceCents = Math.max(500, Math.round(marketPriceCents(e, at) * Math.exp(0.2 * normal(sk, c))));
    const qty = 2;
    const s = eventStateAt(e, at);
    return {
      id: `${e.id}:b${bucket}:s${slot}`,
      ref: e.id,
      title: `${e.name} — ${e.venue}, pair`,
      category: 'tickets',
      priceCents,
      buyerFeesCents: Math.round(priceCents * qty * SECONDARY_BUYER_FEE),
      qty,
      attrs: { event_id: e.id, primary: false, days_to_event: (s.startsMs - at) / DAY },
    };
  };

  const primaryOffer = (e: SimEvent, now: number): Offer => ({
    id: `${e.id}:primary`,
    ref: e.id,
    title: `${e.name} — ${e.venue}, face value`,
    category: 'tickets',
    priceCents: e.faceValueCents,
    buyerFeesCents: Math.round(e.faceValueCents * e.purchaseLimit * PRIMARY_SERVICE_FEE),
    qty: e.purchaseLimit,
    attrs: { event_id: e.id, primary: true, purchase_limit: e.purchaseLimit, days_to_event: (eventStateAt(e, now).startsMs - now) / DAY },
  });

  /** Our lot behind an item id (the purchase's client id ends with the offer id). */
  const lotOf = (itemId: string): SimLot | undefined => {
    const known = lots.get(itemId);
    if (known) return known;
    const offerId = itemId.replace(/^tk-/, '');
    const p = parseOffer(offerId);
    if (!p) return undefined;
    const e = simEvent(opts.seed, p.event);
    const o = 'primary' in p ? primaryOffer(e, e.announcedMs) : resaleOffer(e, p.bucket, p.slot);
    const lot = { id: itemId, event: e, qty: o.qty, paidCents: o.priceCents * o.qty + o.buyerFeesCents };
    lots.set(itemId, lot);
    return lot;
  };

  const listingAnswer = (listingId: string): Listing => {
    const l = byListingId.get(listingId);
    return l ? { ...l.listing } : { clientId: listingId, listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `no listing ${listingId}` };
  };

  return {
    name: 'tickets-sim',
    simulated: true,
    async scan(now) {
      const bucket = Math.floor(now / BUCKET);
      const out: Offer[] = [];
      for (const c of calendarAt(opts.seed, now)) {
        if (c.status === 'cancelled' || c.startsMs - now < DAY) continue;
        for (let s = 0; s < OFFERS_PER_BUCKET; s++) {
          const o = resaleOffer(c.event, bucket, s);
          if (![...purchases.values()].some((p) => p.state === 'filled' && p.itemIds.includes(`tk-${o.id}`))) out.push(o);
        }
        if (!c.soldOut && c.startsMs - now > 10 * DAY) out.push(primaryOffer(c.event, now));
      }
      return out;
    },
    async comps(ref, now) {
      const k = eventIndex(ref);
      return k === undefined ? [] : [{ ref, priceCents: marketPriceCents(simEvent(opts.seed, k), now), at: now }];
    },
    async buy(req: BuyRequest, now) {
      const seen = purchases.get(req.clientId);
      if (seen) return seen;
      const reject = (code: string, detail: string): Purchase => ({ clientId: req.clientId, state: 'rejected', itemIds: [], priceCents: 0, feesCents: 0, code, detail });
      const p = parseOffer(req.offerId);
      let result: Purchase;
      if (!p) result = reject('UNKNOWN_OFFER', `no offer ${req.offerId}`);
      else {
        const e = simEvent(opts.seed, p.event);
        const st = eventStateAt(e, now);
        if (st.status === 'cancelled') result = reject('EVENT_CANCELLED', `${e.id} is cancelled`);
        else if ('primary' in p) {
          const had = primaryBought.get(p.event) ?? 0;
          if (primarySoldOut(e, now)) result = reject('SOLD_OUT', `${e.id} primary sale is sold out`);
          else if (had + req.qty > e.purchaseLimit) result = reject('LIMIT_EXCEEDED', `posted limit ${e.purchaseLimit} per customer, ${had} already bought`);
          else if (e.faceValueCents > req.maxPriceCents) result = reject('PRICE_MOVED', 'face value above the limit price');
          else {
            primaryBought.set(p.event, had + req.qty);
            result = { clientId: req.clientId, state: 'filled', itemIds: [req.clientId], priceCents: e.faceValueCents, feesCents: Math.round(e.faceValueCents * req.qty * PRIMARY_SERVICE_FEE) };
          }
        } else {
          const o = resaleOffer(e, p.bucket, p.slot);
          if (p.bucket !== Math.floor(now / BUCKET)) result = reject('GONE', `offer ${o.id} is no longer listed`);
          else if (req.qty !== o.qty) result = reject('QTY', `the lot is ${o.qty} tickets`);
          else if (o.priceCents > req.maxPriceCents) result = reject('PRICE_MOVED', `ask ${o.priceCents} above ${req.maxPriceCents}`);
          else result = { clientId: req.clientId, state: 'filled', itemIds: [req.clientId], priceCents: o.priceCents, feesCents: o.buyerFeesCents };
        }
        if (result.state === 'filled') lots.set(req.clientId, { id: req.clientId, event: e, qty: req.qty, paidCents: result.priceCents * req.qty + result.feesCents });
      }
      purchases.set(req.clientId, result);
      return result;
    },
    async list(req: ListRequest, now) {
      const seen = listings.get(req.clientId);
      if (seen) return { ...seen.listing };
      const lot = lotOf(req.itemId);
      if (!lot) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'UNKNOWN_ITEM', detail: `no lot ${req.itemId}` };
      const l: SimListing = { listing: { clientId: req.clientId, listingId: `tl-${req.clientId}`, itemId: req.itemId, priceCents: req.priceCents, state: sold.has(req.itemId) ? 'sold' : 'active' }, lot, since: now };
      listings.set(req.clientId, l);
      byListingId.set(l.listing.listingId, l);
      return { ...l.listing };
    },
    async reprice(listingId, priceCents) {
      const l = byListingId.get(listingId);
      if (l && l.listing.state === 'active') l.listing = { ...l.listing, priceCents };
      return listingAnswer(listingId);
    },
    async delist(listingId) {
      const l = byListingId.get(listingId);
      if (l && l.listing.state === 'active') l.listing = { ...l.listing, state: 'delisted' };
      return listingAnswer(listingId);
    },
    async events(cursor, now) {
      const from = cursor === undefined ? -Infinity : Number(cursor);
      const out: MarketplaceEvent[] = [];
      for (const l of listings.values()) {
        if (l.listing.state !== 'active') continue;
        const e = l.lot.event;
        const q = 0.1 + 0.3 * e.demand;
        for (let b = Math.floor(Math.max(from, l.since) / HOUR) + 1; b * HOUR <= now; b++) {
          const at = b * HOUR;
          const st = eventStateAt(e, at);
          if (st.status === 'cancelled' || at >= st.startsMs) break;
          const c = (e.index * 10_000_000 + b) * 4;
          if (uniform(sk, c) >= q) continue;
          const willing = marketPriceCents(e, at) * Math.exp(0.12 * normal(sk, c + 2));
          if (willing < l.listing.priceCents) continue;
          const amount = l.listing.priceCents * l.lot.qty;
          l.listing = { ...l.listing, state: 'sold' };
          sold.add(l.lot.id);
          out.push({ id: `${l.listing.listingId}:sold`, at, type: 'sold', itemId: l.lot.id, listingId: l.listing.listingId, amountCents: amount, feesCents: Math.round(amount * opts.sellerFee) });
          break;
        }
      }
      // Cancellations refund every lot still held (listed or not), all in.
      for (const lot of lots.values()) {
        const f = lot.event.fate;
        if (f.kind !== 'cancelled' || sold.has(lot.id) || !(f.atMs > from && f.atMs <= now)) continue;
        out.push({ id: `${lot.id}:refund`, at: f.atMs, type: 'refund', itemId: lot.id, amountCents: lot.paidCents, feesCents: 0, detail: `${lot.event.id} cancelled` });
      }
      out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      return { events: out, cursor: String(now) };
    },
  };
}
