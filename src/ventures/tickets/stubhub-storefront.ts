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
 *   keeps (gross − the proceeds it reports). A sale's `status` is a localised string without documented
 *   values, so it is carried in the detail, not interpreted (a sale StubHub cancels later is not
 *   reversed here; docs/ventures.md). A listing stops being looked up once the agent booked its sale:
 *   the cursor it passes back names the listings whose events it saved.
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

/** StubHub's external id of a listing request (stable: the same request always carries the same one). */
export const externalIdOf = (clientId: string): string => `neolight-${clientId}`;
/** Sales are asked for from this long before the oldest open request (clocks differ). */
const SKEW_MS = 3_600_000;

/** A StubHub refusal (403 with a code, or 400 validation_failed): the request was not carried out. */
function refusal(err: unknown): { code: string; message: string } | undefined {
  if (!(err instanceof NeoLightError) || err.code !== 'NL_ERR_UPSTREAM') return undefined;
  const d = (err.detail ?? {}) as { reason?: unknown; code?: unknown };
  if (d.reason === 'refused' || (d.reason === 'unexpected' && d.code === 'validation_failed')) return { code: `STUBHUB_${String(d.code ?? 'refused').toUpperCase()}`, message: err.message };
  return undefined;
}

export function stubhubStorefront(o: StubhubStorefrontOptions): StubhubStorefront {
  const { book, save } = connectorMemory(o.journal, (): StubhubConnectorState => ({ updated_at: new Date(0).toISOString(), lots: {}, listings: {} }));
  /** Sales reported in this process but not yet acknowledged through the cursor. */
  const reported = new Set<string>();
  const mappingOf = (itemId: string): StubhubEventMapping | undefined => {
    const lot = book().lots[itemId];
    return lot === undefined ? undefined : o.eventOf(lot.event_id);
  };
  const byListingId = (listingId: string): [string, Entry] | undefined => Object.entries(book().listings).find(([, l]) => l.listing_id !== null && String(l.listing_id) === listingId);
  const answer = (clientId: string, l: Entry, state: Listing['state'] = 'active'): Listing => ({ clientId, listingId: String(l.listing_id ?? ''), itemId: l.item_id, priceCents: l.price_cents, state });
  const refused = (clientId: string, l: { item_id: string; price_cents: number; listing_id: number | null }, r: { code: string; message: string }): Listing => ({
    clientId, listingId: String(l.listing_id ?? ''), itemId: l.item_id, priceCents: l.price_cents, state: 'rejected', code: r.code, detail: r.message,
  });

  const saleEvent = (sale: StubhubSale, proceedsCents: number, clientId: string, l: Entry, now: number): MarketplaceEvent => {
    const gross = Math.max(l.price_cents * l.qty, proceedsCents);
    return {
      id: `stubhub-sold-${sale.id}`,
      at: Date.parse(sale.created_at ?? '') || now,
      type: 'sold',
      itemId: l.item_id,
      listingId: String(l.listing_id),
      amountCents: gross,
      feesCents: gross - proceedsCents,
      detail: `stubhub sale ${sale.id} "${sale.status ?? ''}" (${clientId})`,
    };
  };

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
    sold: (itemId) => Object.entries(book().listings).some(([id, l]) => l.item_id === itemId && (l.settled || reported.has(id))),

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
      if (l.settled || reported.has(clientId)) return answer(clientId, l, 'sold');
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
      if (settleBooked(s.listings, cursor, (id) => reported.delete(id))) save(now);
      const open = Object.entries(s.listings).filter(([, l]) => l.listing_id !== null && !l.settled);
      if (open.length === 0) return { events: [], cursor: JSON.stringify([]) };
      const sales = await o.client.salesSince(Math.min(...open.map(([, l]) => l.requested_at)) - SKEW_MS);
      const events: MarketplaceEvent[] = [];
      const ids: string[] = [];
      for (const [clientId, l] of open) {
        // split_type None: StubHub sells the lot whole; a sale of another size is not this lot's.
        const sale = sales.find((x) => x.external_listing_id === l.external_id && x.proceeds && x.number_of_tickets === l.qty);
        if (!sale?.proceeds) continue;
        if (sale.proceeds.currency !== 'USD') throw new NeoLightError('NL_ERR_UPSTREAM', `stubhub: sale ${sale.id} of listing ${l.listing_id} pays ${sale.proceeds.currency}; the ticket agent books USD only`, { venue: 'stubhub', reason: 'malformed' });
        events.push(saleEvent(sale, sale.proceeds.cents, clientId, l, now));
        ids.push(clientId);
        reported.add(clientId);
      }
      return { events: events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)), cursor: JSON.stringify(ids) };
    },
  };
}
