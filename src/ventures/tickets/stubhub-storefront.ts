/**
 * The ticket agent's listings on StubHub (Seller API v2): a lot whose schedule event the settings
 * map to a StubHub event is listed there (the whole lot, split type None), marked down and deleted
 * there, and its sale comes back from StubHub's sales.
 * - list: each request carries an `external_id` we derive from its client id. The request is written
 *   to the connector's memory before the create call and the listing id after it; a request found in
 *   flight (the process died, or the answer was lost, between the two) first asks StubHub for the
 *   listing with that external id and adopts it, and only creates one when StubHub has none.
 * - events: a sale StubHub reports for one of our external ids, of the whole lot and with its
 *   proceeds known, becomes `sold`: the gross is our ticket price × tickets, the fees are what StubHub
 *   keeps (gross − the proceeds it reports). The sale is written to the memory before it is reported,
 *   and reported from there until the agent has booked it: the cursor it passes back names what it saved.
 * - cancellations: a sale's `status` is a localised string without documented values, so it is never
 *   interpreted. What the definition does document is `proceeds`, "the total
 *   amount that the seller will receive for the sale": a sale we reported that StubHub later shows
 *   with proceeds of 0 pays us nothing — it was cancelled. It becomes `cancelled`, giving back the
 *   gross and fees booked with the sale; the lot is ours again (the tickets were not paid for), so
 *   the listing that sold is deleted first (a 404 is fine: StubHub ended it) lest the lot sell twice,
 *   and the agent lists the lot afresh. A sale is watched for a cancellation for `cancellationWatchMs`
 *   (60 days by default) after it was made. A sale already at 0 when first seen books nothing.
 */
import type { StubhubConnectorState } from '../../contracts/stubhub-connector.js';
import { NeoLightError } from '../../core/errors.js';
import type { Listing, ListRequest, MarketplaceEvent } from '../../core/marketplace.js';
import type { StubhubClient } from './stubhub-client.js';
import type { StubhubSale } from './stubhub-schemas.js';
import { connectorMemory, settleBooked, type VenueJournal } from '../shared/venue-memory.js';

export type StubhubJournal = VenueJournal<StubhubConnectorState>;

/** Where a schedule event's lots are listed on StubHub. */
export interface StubhubEventMapping {
  readonly eventId: number;
  readonly section: string;
  readonly row?: string;
  readonly ticketType: string;
}

export interface StubhubStorefrontOptions {
  readonly client: StubhubClient;
  readonly journal: StubhubJournal;
  /** The StubHub event of a schedule event id; undefined: its lots are not sold on StubHub. */
  readonly eventOf: (scheduleEventId: string) => StubhubEventMapping | undefined;
  /** false: listings are created unpublished (on the account, hidden from buyers until a person publishes them). */
  readonly publish: boolean;
  /** How long after a sale a cancellation of it is looked for, ms (default 60 days). */
  readonly cancellationWatchMs?: number;
}

export interface StubhubStorefront {
  readonly name: 'stubhub';
  /** Note which event a bought lot is for and its size, so it can be listed on its StubHub event. */
  remember(itemId: string, scheduleEventId: string, qty: number, nowMs: number): void;
  /** True when the lot's event is mapped to a StubHub event. */
  handles(itemId: string): boolean;
  /** True when the listing id is one of our StubHub listings. */
  owns(listingId: string): boolean;
  /** True when StubHub reported a sale of the lot (the sale is, or is being, booked). */
  sold(itemId: string): boolean;
  list(req: ListRequest, nowMs: number): Promise<Listing>;
  reprice(listingId: string, priceCents: number, nowMs: number): Promise<Listing>;
  delist(listingId: string, nowMs: number): Promise<Listing>;
  events(cursor: string | undefined, nowMs: number): Promise<{ events: MarketplaceEvent[]; cursor: string }>;
}

type Entry = StubhubConnectorState['listings'][string];
type Sold = NonNullable<Entry['sale']>;

/** StubHub's external id of a listing request (stable: the same request always carries the same one). */
export const externalIdOf = (clientId: string): string => `neolight-${clientId}`;
/** Sales are asked for from this long before the oldest open request (clocks differ). */
const SKEW_MS = 3_600_000;
/** How long after a sale StubHub's cancellation of it is still looked for, by default. */
const CANCELLATION_WATCH_MS = 60 * 86_400_000;
/** The cursor's name for a booked cancellation of a listing request's sale. */
const cancelAck = (clientId: string): string => `cancelled:${clientId}`;

/** A StubHub refusal (403 with a code, or 400 validation_failed): the request was not carried out. */
function refusal(err: unknown): { code: string; message: string } | undefined {
  if (!(err instanceof NeoLightError) || err.code !== 'NL_ERR_UPSTREAM') return undefined;
  const d = (err.detail ?? {}) as { reason?: unknown; code?: unknown };
  if (d.reason === 'refused' || (d.reason === 'unexpected' && d.code === 'validation_failed')) return { code: `STUBHUB_${String(d.code ?? 'refused').toUpperCase()}`, message: err.message };
  return undefined;
}

export function stubhubStorefront(o: StubhubStorefrontOptions): StubhubStorefront {
  const { book, save } = connectorMemory(o.journal, (): StubhubConnectorState => ({ updated_at: new Date(0).toISOString(), lots: {}, listings: {} }));
  const mappingOf = (itemId: string): StubhubEventMapping | undefined => {
    const lot = book().lots[itemId];
    return lot === undefined ? undefined : o.eventOf(lot.event_id);
  };
  const byListingId = (listingId: string): [string, Entry] | undefined => Object.entries(book().listings).find(([, l]) => l.listing_id !== null && String(l.listing_id) === listingId);
  const answer = (clientId: string, l: Entry, state: Listing['state'] = 'active'): Listing => ({ clientId, listingId: String(l.listing_id ?? ''), itemId: l.item_id, priceCents: l.price_cents, state });
  const refused = (clientId: string, l: { item_id: string; price_cents: number; listing_id: number | null }, r: { code: string; message: string }): Listing => ({
    clientId, listingId: String(l.listing_id ?? ''), itemId: l.item_id, priceCents: l.price_cents, state: 'rejected', code: r.code, detail: r.message,
  });

  /** The sale as the memory keeps it: the gross is our price × tickets, the fees what StubHub keeps of it. */
  const recordSale = (sale: StubhubSale, proceedsCents: number, l: Entry, now: number): Sold => {
    const gross = Math.max(l.price_cents * l.qty, proceedsCents);
    return { id: sale.id, at: Date.parse(sale.created_at ?? '') || now, gross_cents: gross, fees_cents: gross - proceedsCents, cancelled_at: null, reversal_booked: false };
  };
  const saleEvent = (sale: Sold, clientId: string, l: Entry): MarketplaceEvent => ({
    id: `stubhub-sold-${sale.id}`, at: sale.at, type: 'sold', itemId: l.item_id, listingId: String(l.listing_id), amountCents: sale.gross_cents, feesCents: sale.fees_cents, detail: `stubhub sale ${sale.id} (${clientId})`,
  });
  // After the sale it undoes, also when StubHub's clock put the sale later than ours.
  const cancelEvent = (sale: Sold, clientId: string, l: Entry): MarketplaceEvent => ({
    id: `stubhub-cancelled-${sale.id}`, at: Math.max(sale.cancelled_at ?? sale.at, sale.at + 1), type: 'cancelled', itemId: l.item_id, listingId: String(l.listing_id), amountCents: sale.gross_cents, feesCents: sale.fees_cents,
    detail: `stubhub sale ${sale.id} cancelled: proceeds now 0 (${clientId})`,
  });
  // A sale settled before the memory kept sales (no `sale`) counts as standing.
  const live = (l: Entry): boolean => (l.sale !== undefined ? l.sale.cancelled_at === null : l.settled);

  return {
    name: 'stubhub',
    remember(itemId, eventId, qty, now) {
      const had = book().lots[itemId];
      if (had?.event_id === eventId && had.qty === qty) return;
      book().lots[itemId] = { event_id: eventId, qty };
      save(now);
    },
    handles: (itemId) => mappingOf(itemId) !== undefined,
    owns: (listingId) => byListingId(listingId) !== undefined,
    sold: (itemId) => Object.values(book().listings).some((l) => l.item_id === itemId && live(l)),

    async list(req, now) {
      const s = book();
      const seen = s.listings[req.clientId];
      if (seen?.listing_id) return answer(req.clientId, seen);
      const lot = s.lots[req.itemId];
      const ev = lot && o.eventOf(lot.event_id);
      if (!lot || !ev) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'NOT_ON_STUBHUB', detail: `lot ${req.itemId}'s event is not in ventures.ticket_arbitrage.stubhub_events` };
      const externalId = seen?.external_id ?? externalIdOf(req.clientId);
      if (seen) {
        const found = await o.client.listingByExternalId(externalId);
        if (found) {
          Object.assign(seen, { listing_id: found.id, price_cents: found.ticket_price?.cents ?? seen.price_cents });
          save(now);
          return answer(req.clientId, seen);
        }
      }
      const intent: Entry = { item_id: req.itemId, stubhub_event_id: ev.eventId, external_id: externalId, listing_id: null, price_cents: req.priceCents, qty: lot.qty, requested_at: seen?.requested_at ?? now, settled: false };
      s.listings[req.clientId] = intent;
      save(now);
      let made;
      try {
        made = await o.client.createListing(ev.eventId, { externalId, numberOfTickets: lot.qty, ticketPriceCents: req.priceCents, section: ev.section, ...(ev.row ? { row: ev.row } : {}), ticketType: ev.ticketType, published: o.publish });
      } catch (err) {
        const r = refusal(err);
        // Any other failure may have created the listing: the intent stays, and the next call looks it up first.
        if (!r) throw err;
        delete s.listings[req.clientId];
        save(now);
        return refused(req.clientId, intent, r);
      }
      s.listings[req.clientId] = { ...intent, listing_id: made.id, price_cents: made.ticket_price?.cents ?? req.priceCents };
      save(now);
      return answer(req.clientId, s.listings[req.clientId]!);
    },

    async reprice(listingId, priceCents, now) {
      const found = byListingId(listingId);
      if (!found) return { clientId: '', listingId, itemId: '', priceCents, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent on StubHub` };
      const [clientId, l] = found;
      if (l.sale || l.settled) return answer(clientId, l, live(l) ? 'sold' : 'delisted');
      let updated;
      try {
        updated = await o.client.updatePrice(l.listing_id!, priceCents);
      } catch (err) {
        const r = refusal(err);
        if (!r) throw err;
        return refused(clientId, l, r);
      }
      if (!updated) return answer(clientId, l, 'delisted');
      l.price_cents = updated.ticket_price?.cents ?? priceCents;
      save(now);
      return answer(clientId, l);
    },

    async delist(listingId) {
      const found = byListingId(listingId);
      if (!found) return { clientId: '', listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent on StubHub` };
      const [clientId, l] = found;
      try {
        await o.client.deleteListing(l.listing_id!);
      } catch (err) {
        const r = refusal(err);
        if (!r) throw err;
        return refused(clientId, l, r);
      }
      return answer(clientId, l, 'delisted');
    },

    async events(cursor, now) {
      const s = book();
      let changed = false;
      if (settleBooked(s.listings, cursor, (id) => {
        const l = id.startsWith('cancelled:') ? s.listings[id.slice('cancelled:'.length)] : undefined;
        if (l?.sale && l.sale.cancelled_at !== null && !l.sale.reversal_booked) changed = l.sale.reversal_booked = true;
      })) changed = true;
      const entries = Object.entries(s.listings);
      const open = entries.filter(([, l]) => l.listing_id !== null && !l.settled && !l.sale);
      const watched = entries.filter(([, l]) => l.sale !== undefined && l.sale.cancelled_at === null && now - l.sale.at < (o.cancellationWatchMs ?? CANCELLATION_WATCH_MS));
      if (open.length + watched.length > 0) {
        const sales = await o.client.salesSince(Math.min(...open.map(([, l]) => l.requested_at), ...watched.map(([, l]) => l.sale!.at)) - SKEW_MS);
        for (const [, l] of open) {
          // split_type None: StubHub sells the lot whole; a sale of another size is not this lot's.
          const sale = sales.find((x) => x.external_listing_id === l.external_id && x.proceeds && x.number_of_tickets === l.qty);
          // Cancelled before we saw it (nothing will be paid): nothing to book.
          if (!sale?.proceeds || sale.proceeds.cents === 0) continue;
          if (sale.proceeds.currency !== 'USD') throw new NeoLightError('NL_ERR_UPSTREAM', `stubhub: sale ${sale.id} of listing ${l.listing_id} pays ${sale.proceeds.currency}; the ticket agent books USD only`, { venue: 'stubhub', reason: 'malformed' });
          l.sale = recordSale(sale, sale.proceeds.cents, l, now);
          changed = true;
        }
        for (const [, l] of watched) {
          const current = sales.find((x) => x.id === l.sale!.id);
          if (current?.proceeds?.cents !== 0) continue;
          // The lot is ours again: the listing that sold must not sell it a second time.
          await o.client.deleteListing(l.listing_id!);
          l.sale!.cancelled_at = now;
          changed = true;
        }
      }
      if (changed) save(now);
      // Reported from the memory until booked: a restart between report and booking loses nothing.
      const events: MarketplaceEvent[] = [];
      const ids: string[] = [];
      for (const [clientId, l] of entries) {
        if (!l.sale) continue;
        if (!l.settled) {
          events.push(saleEvent(l.sale, clientId, l));
          ids.push(clientId);
        }
        if (l.sale.cancelled_at !== null && !l.sale.reversal_booked) {
          events.push(cancelEvent(l.sale, clientId, l));
          ids.push(cancelAck(clientId));
        }
      }
      return { events: events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)), cursor: JSON.stringify(ids) };
    },
  };
}
