/**
 * SIMULATED secondary ticket marketplace over the simulated event calendar: resale pairs and, while
 * an event's primary sale is open, face-value tickets (sim-offers.ts; only a person may buy those,
 * and the venue refuses past the posted limit). A listing of ours meets its buyer as sim-buyers.ts
 * draws it.
 * Sales settle at once, less the seller fee; a cancelled event refunds every lot still held, all in.
 * Offers, buyers and prices are pure functions of (seed, event, time). The venue remembers our
 * purchases (the lots) and listings in a journal (runtime/ticket_market_sim.json in the mesh), as a
 * real exchange would: a restarted agent finds every lot it bought still held, listed, sold or
 * refunded, and what happens to a listing is a pure function of that memory, the seed and the time
 * (a reprice restarts the buyer search from its moment). Every action is idempotent on its client id.
 * Lots closed (their event started or was cancelled) a horizon before the agent's saved cursor are
 * dropped from the journal (journal.ts), which so stays bounded.
 */
import type { TicketSimState } from '../../contracts/ticket-sim.js';
import type { BuyRequest, Listing, ListRequest, Marketplace, MarketplaceEvent, Offer, Purchase } from '../../core/marketplace.js';
import { calendarAt, eventIndex, eventStateAt, marketPriceCents, primarySoldOut, simEvent, type SimEvent } from '../../market/commerce/events.js';
import { seedKey, streamKey } from '../../market/rng.js';
import { compactionMark, markAdvanced } from '../shared/journal-horizon.js';
import { connectorMemory } from '../shared/venue-memory.js';
import { compactTicketState, memoryTicketJournal, type TicketSimJournal } from './journal.js';
import { buyerArrives } from './sim-buyers.js';
import { BUCKET, DAY, OFFERS_PER_BUCKET, parseOffer, primaryOffer, PRIMARY_SERVICE_FEE, resaleOffer } from './sim-offers.js';

export interface TicketSimOptions {
  readonly seed: number;
  readonly sellerFee: number;
  /** Where the venue keeps its memory; in memory (lost with the process) when not given. */
  readonly journal?: TicketSimJournal;
}

type SimPurchase = TicketSimState['purchases'][string];
type SimListing = TicketSimState['listings'][string];

const empty = (): TicketSimState => ({ updated_at: new Date(0).toISOString(), simulated: true, purchases: {}, listings: {} });

export function simulatedTicketMarketplace(opts: TicketSimOptions): Marketplace {
  const sk = streamKey(seedKey(opts.seed), 0x7c1e);
  const journal = opts.journal ?? memoryTicketJournal();
  const { book, save } = connectorMemory(journal, empty);
  /** Sale times by listing id and version (the search is pure, so it is done once). */
  const saleCache = new Map<string, number | null>();

  /** Our lot behind an item id (a filled purchase; the item id is its client id) and its event. */
  const lotOf = (itemId: string): { p: SimPurchase; e: SimEvent } | undefined => {
    const p = book().purchases[itemId];
    const o = p?.state === 'filled' ? parseOffer(p.offer_id) : undefined;
    return p && o ? { p, e: simEvent(opts.seed, o.event) } : undefined;
  };
  const paidCents = (p: SimPurchase): number => p.price_cents * p.qty + p.fees_cents;

  /**
   * When listing `id` (as it is now) meets its buyer: the first hour after it was (re)priced whose
   * buyer pays the ask, before the event starts, is cancelled or the listing comes down; null if never.
   */
  const saleAt = (id: string, l: SimListing): number | null => {
    const key = `${id}#${l.version}#${l.delisted_at ?? ''}`;
    const hit = saleCache.get(key);
    if (hit !== undefined) return hit;
    const lot = lotOf(l.item_id);
    const found = lot ? buyerArrives(sk, lot.e, l) : null;
    saleCache.set(key, found);
    return found;
  };
  const soldAt = (id: string, now: number): number | undefined => {
    const l = book().listings[id];
    const at = l ? saleAt(id, l) : null;
    return at !== null && at <= now ? at : undefined;
  };
  /** When our lot `itemId` sold (through any of its listings) by `now`. */
  const lotSoldAt = (itemId: string, now: number): number | undefined => {
    let first: number | undefined;
    for (const [id, l] of Object.entries(book().listings)) {
      if (l.item_id !== itemId) continue;
      const at = soldAt(id, now);
      if (at !== undefined && (first === undefined || at < first)) first = at;
    }
    return first;
  };

  const listingAnswer = (listingId: string, now: number): Listing => {
    const l = book().listings[listingId];
    if (!l) return { clientId: listingId, listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `no listing ${listingId}` };
    const state = soldAt(listingId, now) !== undefined ? 'sold' : l.delisted_at !== null ? 'delisted' : 'active';
    return { clientId: l.client_id, listingId, itemId: l.item_id, priceCents: l.price_cents, state };
  };
  const answer = (clientId: string, p: SimPurchase): Purchase => ({
    clientId,
    state: p.state,
    itemIds: p.state === 'filled' ? [clientId] : [],
    priceCents: p.price_cents,
    feesCents: p.fees_cents,
    ...(p.code ? { code: p.code } : {}),
    ...(p.detail ? { detail: p.detail } : {}),
  });
  const takenOffers = (): Set<string> => new Set(Object.values(book().purchases).filter((p) => p.state === 'filled').map((p) => p.offer_id));
  const primaryBought = (event: number): number =>
    Object.values(book().purchases).filter((p) => p.state === 'filled' && p.primary && parseOffer(p.offer_id)?.event === event).reduce((a, p) => a + p.qty, 0);

  return {
    name: 'tickets-sim',
    simulated: true,
    async scan(now) {
      const bucket = Math.floor(now / BUCKET);
      const taken = takenOffers();
      const out: Offer[] = [];
      for (const c of calendarAt(opts.seed, now)) {
        if (c.status === 'cancelled' || c.startsMs - now < DAY) continue;
        for (let s = 0; s < OFFERS_PER_BUCKET; s++) {
          const o = resaleOffer(sk, c.event, bucket, s);
          if (!taken.has(o.id)) out.push(o);
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
      const s = book();
      const seen = s.purchases[req.clientId];
      if (seen) return answer(req.clientId, seen);
      const p = parseOffer(req.offerId);
      const base = { offer_id: req.offerId, qty: req.qty, primary: p !== undefined && 'primary' in p, at: now };
      const reject = (code: string, detail: string): SimPurchase => ({ ...base, state: 'rejected', price_cents: 0, fees_cents: 0, code, detail });
      let rec: SimPurchase;
      if (!p) rec = reject('UNKNOWN_OFFER', `no offer ${req.offerId}`);
      else {
        const e = simEvent(opts.seed, p.event);
        const st = eventStateAt(e, now);
        if (st.status === 'cancelled') rec = reject('EVENT_CANCELLED', `${e.id} is cancelled`);
        else if (now >= st.startsMs) rec = reject('EVENT_STARTED', `${e.id} started at ${new Date(st.startsMs).toISOString()}`);
        else if ('primary' in p) {
          const had = primaryBought(p.event);
          if (primarySoldOut(e, now)) rec = reject('SOLD_OUT', `${e.id} primary sale is sold out`);
          else if (had + req.qty > e.purchaseLimit) rec = reject('LIMIT_EXCEEDED', `posted limit ${e.purchaseLimit} per customer, ${had} already bought`);
          else if (e.faceValueCents > req.maxPriceCents) rec = reject('PRICE_MOVED', 'face value above the limit price');
          else rec = { ...base, state: 'filled', price_cents: e.faceValueCents, fees_cents: Math.round(e.faceValueCents * req.qty * PRIMARY_SERVICE_FEE) };
        } else {
          const o = resaleOffer(sk, e, p.bucket, p.slot);
          if (p.bucket !== Math.floor(now / BUCKET) || takenOffers().has(o.id)) rec = reject('GONE', `offer ${o.id} is no longer listed`);
          else if (req.qty !== o.qty) rec = reject('QTY', `the lot is ${o.qty} tickets`);
          else if (o.priceCents > req.maxPriceCents) rec = reject('PRICE_MOVED', `ask ${o.priceCents} above ${req.maxPriceCents}`);
          else rec = { ...base, state: 'filled', price_cents: o.priceCents, fees_cents: o.buyerFeesCents };
        }
      }
      s.purchases[req.clientId] = rec;
      save(now);
      return answer(req.clientId, rec);
    },
    async list(req: ListRequest, now) {
      const s = book();
      const id = `tl-${req.clientId}`;
      if (s.listings[id]) return listingAnswer(id, now);
      const reject = (code: string, detail: string): Listing => ({ clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code, detail });
      const lot = lotOf(req.itemId);
      if (!lot) return reject('UNKNOWN_ITEM', `no lot ${req.itemId}`);
      if (!Number.isInteger(req.priceCents) || req.priceCents <= 0) return reject('BAD_PRICE', `price ${req.priceCents} must be whole cents > 0`);
      s.listings[id] = { client_id: req.clientId, item_id: req.itemId, price_cents: req.priceCents, listed_at: now, since: now, version: 0, delisted_at: null };
      save(now);
      return listingAnswer(id, now);
    },
    async reprice(listingId, priceCents, now) {
      const current = listingAnswer(listingId, now);
      const l = book().listings[listingId];
      if (!l || current.state !== 'active' || l.price_cents === priceCents) return current;
      Object.assign(l, { price_cents: priceCents, since: now, version: l.version + 1 });
      save(now);
      return listingAnswer(listingId, now);
    },
    async delist(listingId, now) {
      const current = listingAnswer(listingId, now);
      const l = book().listings[listingId];
      if (!l || current.state !== 'active') return current;
      l.delisted_at = now;
      save(now);
      return listingAnswer(listingId, now);
    },
    async events(cursor, now) {
      const from = cursor === undefined ? -Infinity : Number(cursor);
      const s = book();
      // The agent sends only a cursor it saved: what closed a horizon before it is never asked for again.
      const mark = compactionMark(cursor);
      if (markAdvanced(mark, s.compacted_through)) {
        compactTicketState(s, mark, opts.seed);
        save(now);
      }
      const out: MarketplaceEvent[] = [];
      for (const [id, l] of Object.entries(s.listings)) {
        const at = soldAt(id, now);
        const lot = lotOf(l.item_id);
        if (at === undefined || !lot || at <= from) continue;
        const amount = l.price_cents * lot.p.qty;
        out.push({ id: `${id}:sold`, at, type: 'sold', itemId: l.item_id, listingId: id, amountCents: amount, feesCents: Math.round(amount * opts.sellerFee) });
      }
      // Cancellations refund every lot not sold by then (listed or not), all in.
      for (const itemId of Object.keys(s.purchases)) {
        const lot = lotOf(itemId);
        const f = lot?.e.fate;
        if (!lot || f?.kind !== 'cancelled' || !(f.atMs > from && f.atMs <= now) || lot.p.at > f.atMs) continue;
        const sold = lotSoldAt(itemId, f.atMs);
        if (sold !== undefined) continue;
        out.push({ id: `${itemId}:refund`, at: f.atMs, type: 'refund', itemId, amountCents: paidCents(lot.p), feesCents: 0, detail: `${lot.e.id} cancelled` });
      }
      out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      return { events: out, cursor: String(now) };
    },
  };
}
