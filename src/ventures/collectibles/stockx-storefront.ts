/**
 * The collectibles agent's listings on StockX (Public API v2, seller side): an item whose catalogue
 * reference the settings map to a StockX variant is listed as an ask on that variant, repriced and
 * deleted there, and its sale comes back from StockX's orders.
 * - list: StockX takes no client reference, so the request is written to the connector's memory
 *   before the create call and the listing id after it. A request found in flight (the process died
 *   between the two) adopts the ask StockX made for it — an ask on the same variant at the same
 *   price, created since the request, that no other request owns — before it would place another.
 * - events: an order on one of our listings becomes `sold` once StockX has authenticated the item
 *   (AUTHENTICATED and later: the sale is final), with the payout's adjustments as the fees (the
 *   published schedule when the order carries no payout); an order that ends without a sale
 *   (AUTHFAILED, DIDNOTSHIP, CANCELED, RETURNED, ...) becomes `cancelled`, which books nothing.
 *   A listing stops being looked up once the agent has booked its event: the cursor it passes back
 *   names the listings whose events it saved.
 */
import type { Listing, ListRequest, MarketplaceEvent } from '../../core/marketplace.js';
import type { StockxConnectorState } from '../../contracts/stockx-connector.js';
import type { Storefront } from '../dropship/shopify.js';
import { sellerFeesCents, type FeeSchedule } from '../resale/fees.js';
import type { StockxClient } from './stockx-client.js';
import { SALE_FAILED, SALE_FINAL, type StockxOrder } from './stockx-schemas.js';

export interface StockxJournal {
  load(): StockxConnectorState | undefined;
  save(s: StockxConnectorState): void;
}

export interface StockxStorefrontOptions {
  readonly client: StockxClient;
  readonly journal: StockxJournal;
  /** The StockX variant id of a catalogue reference; undefined: not sold on StockX. */
  readonly variantOf: (ref: string) => string | undefined;
  /** false: asks are placed inactive (on the account, hidden from buyers until a person activates them). */
  readonly activeListings: boolean;
  /** Fees applied to a sale whose order carries no payout breakdown. */
  readonly fees: FeeSchedule;
  readonly shippingOutCents: number;
  /** Order pages read per call at most (100 orders a page). */
  readonly maxPages?: number;
}

export interface StockxStorefront extends Storefront {
  /** Note which reference a bought item is, so it can be listed on its variant. */
  remember(itemId: string, ref: string, nowMs: number): void;
  /** True when the item's reference is mapped to a StockX variant. */
  handles(itemId: string): boolean;
  /** True when the listing id is one of our StockX asks. */
  owns(listingId: string): boolean;
}

const LIVE = new Set(['ACTIVE', 'INACTIVE']);
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function stockxStorefront(o: StockxStorefrontOptions): StockxStorefront {
  let state: StockxConnectorState | undefined;
  const book = (): StockxConnectorState => (state ??= o.journal.load() ?? { updated_at: new Date(0).toISOString(), items: {}, listings: {} });
  const save = (now: number): void => {
    const s = book();
    s.updated_at = new Date(now).toISOString();
    o.journal.save(s);
  };
  const variantOfItem = (itemId: string): string | undefined => {
    const ref = book().items[itemId];
    return ref === undefined ? undefined : o.variantOf(ref);
  };
  const byListingId = (listingId: string): [string, StockxConnectorState['listings'][string]] | undefined =>
    Object.entries(book().listings).find(([, l]) => l.listing_id === listingId);
  const listing = (clientId: string, l: StockxConnectorState['listings'][string], state: Listing['state'] = 'active'): Listing => ({
    clientId, listingId: l.listing_id ?? '', itemId: l.item_id, priceCents: l.price_cents, state,
  });

  /** The ask StockX made for a request whose answer was lost, if any. */
  async function adopt(l: StockxConnectorState['listings'][string]): Promise<string | undefined> {
    const owned = new Set(Object.values(book().listings).map((x) => x.listing_id));
    const page = await o.client.listings({ variantIds: l.variant_id, fromDate: day(l.requested_at), listingStatuses: 'ACTIVE,INACTIVE', pageSize: '100' });
    return page.listings.find((x) => !owned.has(x.listingId) && x.amount === l.price_cents && Date.parse(x.createdAt) >= l.requested_at - 60_000)?.listingId;
  }

  async function orders(which: 'active' | 'history', query: Record<string, string>): Promise<StockxOrder[]> {
    const out: StockxOrder[] = [];
    for (let n = 1; n <= (o.maxPages ?? 10); n++) {
      const page = await o.client.orders(which, { ...query, pageNumber: String(n), pageSize: '100' });
      out.push(...page.orders);
      if (!page.hasNextPage) break;
    }
    return out;
  }

  const saleEvent = (order: StockxOrder, clientId: string, l: StockxConnectorState['listings'][string], now: number): MarketplaceEvent => {
    const at = Date.parse(order.updatedAt ?? order.createdAt ?? '') || now;
    const base = { at, itemId: l.item_id, listingId: order.listingId ?? '', detail: `stockx order ${order.orderNumber} ${order.status} (${clientId})` };
    if (!SALE_FINAL.has(order.status)) return { ...base, id: `stockx-${order.status.toLowerCase()}-${order.orderNumber}`, type: 'cancelled', amountCents: 0, feesCents: 0 };
    const price = order.payout?.salePrice ?? order.amount;
    const fees = order.payout ? price - order.payout.totalPayout : sellerFeesCents(o.fees, price) + o.shippingOutCents;
    return { ...base, id: `stockx-sold-${order.orderNumber}`, type: 'sold', amountCents: price, feesCents: fees };
  };

  return {
    name: 'stockx',
    simulated: false,
    remember(itemId, ref, now) {
      if (book().items[itemId] === ref) return;
      book().items[itemId] = ref;
      save(now);
    },
    handles: (itemId) => variantOfItem(itemId) !== undefined,
    owns: (listingId) => byListingId(listingId) !== undefined,

    async list(req: ListRequest, now): Promise<Listing> {
      const s = book();
      const seen = s.listings[req.clientId];
      if (seen?.listing_id) return listing(req.clientId, seen);
      const variant = variantOfItem(req.itemId);
      if (!variant) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'NOT_ON_STOCKX', detail: `item ${req.itemId} has no StockX variant in ventures.collectibles_agent.stockx_variants` };
      if (seen) {
        const found = await adopt(seen);
        if (found) {
          seen.listing_id = found;
          save(now);
          return listing(req.clientId, seen);
        }
      }
      const intent = { item_id: req.itemId, variant_id: variant, listing_id: null, price_cents: req.priceCents, requested_at: seen?.requested_at ?? now, settled: false };
      s.listings[req.clientId] = intent;
      save(now);
      const op = await o.client.createListing(variant, req.priceCents, { active: o.activeListings });
      if (op.operationStatus === 'FAILED') {
        delete s.listings[req.clientId];
        save(now);
        return { clientId: req.clientId, listingId: op.listingId, itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'STOCKX_FAILED', detail: `StockX operation ${op.operationId} failed` };
      }
      s.listings[req.clientId] = { ...intent, listing_id: op.listingId };
      save(now);
      return listing(req.clientId, s.listings[req.clientId]!);
    },

    async reprice(listingId, priceCents, now) {
      const found = byListingId(listingId);
      const current = await o.client.getListing(listingId);
      if (!found) return { clientId: '', listingId, itemId: '', priceCents: current.amountCents ?? 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent` };
      const [clientId, l] = found;
      // A matched or completed ask is being sold; a deleted or cancelled one is gone: neither is repriced.
      if (!LIVE.has(current.status)) return listing(clientId, l, current.status === 'MATCHED' || current.status === 'COMPLETED' ? 'sold' : 'delisted');
      const op = await o.client.updateListing(listingId, priceCents);
      if (op.operationStatus === 'FAILED') return { ...listing(clientId, l), state: 'rejected', code: 'STOCKX_FAILED', detail: `StockX operation ${op.operationId} failed` };
      l.price_cents = priceCents;
      save(now);
      return listing(clientId, l);
    },

    async delist(listingId) {
      const found = byListingId(listingId);
      const op = await o.client.deleteListing(listingId);
      const l = found?.[1];
      return { clientId: found?.[0] ?? '', listingId, itemId: l?.item_id ?? '', priceCents: l?.price_cents ?? 0, state: op.operationStatus === 'FAILED' ? 'rejected' : 'delisted' };
    },

    async events(cursor, now) {
      const s = book();
      const booked = parseBooked(cursor);
      let changed = false;
      for (const id of booked) {
        const l = s.listings[id];
        if (l && !l.settled) changed = l.settled = true;
      }
      if (changed) save(now);
      const open = Object.entries(s.listings).filter(([, l]) => l.listing_id !== null && !l.settled);
      if (open.length === 0) return { events: [], cursor: JSON.stringify([]) };
      const from = day(Math.min(...open.map(([, l]) => l.requested_at)));
      const all = [...(await orders('active', {})), ...(await orders('history', { fromDate: from }))];
      const events: MarketplaceEvent[] = [];
      const reported: string[] = [];
      for (const [clientId, l] of open) {
        const mine = all.filter((x) => x.listingId === l.listing_id);
        const order = mine.find((x) => SALE_FINAL.has(x.status)) ?? mine.find((x) => SALE_FAILED.has(x.status));
        if (!order) continue;
        events.push(saleEvent(order, clientId, l, now));
        reported.push(clientId);
      }
      return { events: events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)), cursor: JSON.stringify(reported) };
    },
  };
}

/** The listing client ids a cursor names (an unreadable cursor names none: nothing is settled on a guess). */
function parseBooked(cursor: string | undefined): string[] {
  if (!cursor) return [];
  try {
    const v: unknown = JSON.parse(cursor);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
