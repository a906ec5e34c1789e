/**
 * The luxury agent's listings on eBay (Sell Inventory and Fulfillment APIs v1): an authenticated
 * item whose catalogue reference the settings map to an eBay category is listed as a fixed-price
 * offer — inventory item by SKU, offer, publish —, marked down with updateOffer, ended with
 * withdrawOffer, and its sale comes back from the seller's orders.
 * - authentication gate: an item is listed only once its authentication passed (the simulator's
 *   `authenticated` event, noted here by `authenticated()`); any other item is refused, not listed.
 * - list: the request and the item's SKU are written to the connector's memory before any call.
 *   The SKU is eBay's own idempotency key: the inventory item is created-or-replaced under it, and a
 *   request found in flight (its answer lost, or the process died) first asks eBay for the offers of
 *   that SKU and adopts the one there (published or not) instead of creating a second.
 * - events: an order with a line of one of our SKUs becomes `sold` once paid (PAID, or
 *   PARTIALLY_REFUNDED less the refunds), amount = the line's price plus the shipping the buyer paid,
 *   fees = the line's share of the order's totalMarketplaceFee (eBay's fees deducted from the payout;
 *   the published fee schedule when an order predates that field) plus our shipping out; a cancelled
 *   or fully refunded order becomes `cancelled`, which books nothing and keeps the listing watched.
 *   A listing stops being looked up once the agent has booked its sale: the cursor it passes back
 *   names those listings.
 * - returns (Post-Order API v2): a booked sale is watched for `returnWatchMs` (120 days by default:
 *   eBay's longest return window is 60 days after delivery, and the refund follows the item back).
 *   The seller's returns are searched for one on our listing; once eBay has issued its refund
 *   (`actualRefund`) and the item comes back (any state but ITEM_KEPT), the connector reports a
 *   `refund` (the refund to the buyer; fees = the return label when the seller is its payee) and, when
 *   eBay credited fees for it, a `fee_credit` of `feeCreditAmount`. Both come from the connector's
 *   memory until the agent has booked them; the agent puts the item back in inventory (held, and not
 *   listed again until a person has looked at what came back: a swapped luxury item is the classic
 *   return fraud).
 */
import { createHash } from 'node:crypto';
import type { LuxuryEbayState } from '../../contracts/luxury-ebay.js';
import { NeoLightError } from '../../core/errors.js';
import type { Listing, ListRequest, MarketplaceEvent } from '../../core/marketplace.js';
import type { Storefront } from '../dropship/shopify.js';
import { sellerFeesCents, type FeeSchedule } from '../resale/fees.js';
import { amountValue, type EbayClient, type EbayInventoryItem, type EbayOfferDetails } from './ebay-client.js';
import { ORDER_CANCELLED, type EbayOrder } from './ebay-schemas.js';
import { RETURN_WATCH_MS, refundedReturn, returnAck, returnEvents, returnsSince } from './ebay-returns.js';
import { connectorMemory, settleBooked, type VenueJournal } from '../shared/venue-memory.js';

export type EbayJournal = VenueJournal<LuxuryEbayState>;

/** How one catalogue reference is listed on eBay. */
export interface EbayListingSpec {
  readonly title: string;
  readonly categoryId: string;
  readonly imageUrls: readonly string[];
  readonly aspects?: Readonly<Record<string, readonly string[]>>;
  readonly condition: string;
  readonly description: string;
}

export interface EbayStorefrontOptions {
  readonly client: EbayClient;
  readonly journal: EbayJournal;
  /** The listing of a catalogue reference; undefined: not sold on eBay. */
  readonly specOf: (ref: string) => EbayListingSpec | undefined;
  readonly merchantLocationKey: string;
  readonly policies: EbayOfferDetails['listingPolicies'];
  /** The eBay fee schedule of a catalogue reference (for an order without totalMarketplaceFee; mapped or no longer). */
  readonly feesOf: (ref: string) => FeeSchedule | undefined;
  /** Shipping a sold item of a catalogue reference to its buyer, cents (an insured watch courier is not a scarf's envelope). */
  readonly shippingOutOf: (ref: string) => number;
  /** Orders per page (getOrders allows up to 1000) and pages read per call at most. */
  readonly pageSize?: number;
  readonly maxPages?: number;
  /** How long after a sale a return of it is looked for, ms (default 120 days). */
  readonly returnWatchMs?: number;
}

export interface EbayStorefront extends Storefront {
  /** Note which reference a bought item is, so it can be listed under its category. */
  remember(itemId: string, ref: string, nowMs: number): void;
  /** Note that the item's authentication passed: the gate to listing it. */
  authenticated(itemId: string, nowMs: number): void;
  /** True when the item's reference is mapped to an eBay listing. */
  handles(itemId: string): boolean;
  /** True when the listing id is one of our eBay listings. */
  owns(listingId: string): boolean;
}

type Entry = LuxuryEbayState['listings'][string];

/** A SKU eBay accepts (at most 50 characters) that names the item and cannot collide. */
export function skuOf(itemId: string): string {
  const clean = itemId.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `NL-${clean.slice(0, 33)}-${createHash('sha256').update(itemId).digest('hex').slice(0, 12)}`;
}

/** `total` split over `weights` in whole cents, the remainder to the largest shares first (sums exactly). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map((r) => Math.floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const i of raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i)) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

const LIVE = new Set(['ACTIVE']);
const SOLD = new Set(['PAID', 'PARTIALLY_REFUNDED']);
/** getOrders filters only the last 90 days. */
const ORDER_WINDOW_MS = 89 * 86_400_000;

export function ebayStorefront(o: EbayStorefrontOptions): EbayStorefront {
  const { book, save } = connectorMemory(o.journal, (): LuxuryEbayState => ({ updated_at: new Date(0).toISOString(), items: {}, authenticated: [], listings: {} }));
  const specOfItem = (itemId: string): EbayListingSpec | undefined => {
    const ref = book().items[itemId];
    return ref === undefined ? undefined : o.specOf(ref);
  };
  const byListingId = (listingId: string): [string, Entry] | undefined => Object.entries(book().listings).find(([, l]) => l.listing_id === listingId);
  const listing = (clientId: string, l: Entry, state: Listing['state'] = 'active'): Listing => ({ clientId, listingId: l.listing_id ?? '', itemId: l.item_id, priceCents: l.price_cents, state });
  const refused = (req: ListRequest, code: string, detail: string): Listing => ({ clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code, detail });

  const inventoryItem = (spec: EbayListingSpec): EbayInventoryItem => ({
    availability: { shipToLocationAvailability: { quantity: 1 } },
    condition: spec.condition,
    product: { title: spec.title.slice(0, 80), description: spec.description, imageUrls: spec.imageUrls, ...(spec.aspects ? { aspects: spec.aspects } : {}) },
  });
  // updateOffer replaces the whole offer, so a markdown sends every field again, not just the price.
  const offerDetails = (spec: EbayListingSpec, priceCents: number): EbayOfferDetails => ({
    availableQuantity: 1,
    categoryId: spec.categoryId,
    listingDescription: spec.description,
    listingDuration: 'GTC',
    listingPolicies: o.policies,
    merchantLocationKey: o.merchantLocationKey,
    pricingSummary: { price: { value: amountValue(priceCents), currency: 'USD' } },
  });

  async function orders(fromMs: number): Promise<EbayOrder[]> {
    const limit = o.pageSize ?? 200;
    const filter = `lastmodifieddate:[${new Date(fromMs).toISOString()}..]`;
    const out: EbayOrder[] = [];
    const maxPages = o.maxPages ?? 10;
    for (let n = 0, offset = 0; ; n++) {
      // More orders in the window than the pages read: an error, never a short list that misses sales.
      if (n === maxPages) throw new NeoLightError('NL_ERR_BAD_INPUT', `ebay: more than ${maxPages} pages of ${limit} orders modified since ${new Date(fromMs).toISOString()}; raise the page bound (maxPages) rather than miss sales`);
      const page = await o.client.orders({ filter, limit, offset });
      out.push(...page.orders);
      offset += limit;
      if (page.next === undefined || page.orders.length === 0 || offset >= page.total) return out;
    }
  }

  function shippingOutOf(itemId: string): number {
    const ref = book().items[itemId];
    if (ref === undefined) throw new NeoLightError('NL_ERR_BAD_INPUT', `ebay: item ${itemId} has no known reference to price its shipping`);
    return o.shippingOutOf(ref);
  }

  /** Never a sale booked without fees: an item of no known reference is an error, not a zero. */
  function scheduleOf(itemId: string): FeeSchedule {
    const ref = book().items[itemId];
    const fees = ref === undefined ? undefined : o.feesOf(ref);
    if (!fees) throw new NeoLightError('NL_ERR_BAD_INPUT', `ebay: no fee schedule for item ${itemId} (reference ${ref ?? 'unknown'}) to book an order without totalMarketplaceFee`);
    return fees;
  }

  function saleEvent(order: EbayOrder, clientId: string, l: Entry, now: number): MarketplaceEvent | undefined {
    const lines = order.lineItems;
    const i = lines.findIndex((x) => x.sku === l.sku);
    const line = lines[i]!;
    const base = { itemId: l.item_id, listingId: l.listing_id ?? '', detail: `ebay order ${order.orderId} ${order.orderPaymentStatus} (${clientId})` };
    if (ORDER_CANCELLED.has(order.cancelStatus?.cancelState ?? '') || order.orderPaymentStatus === 'FULLY_REFUNDED') {
      return { ...base, id: `ebay-cancelled-${order.orderId}-${line.lineItemId}`, at: Date.parse(order.lastModifiedDate) || now, type: 'cancelled', amountCents: 0, feesCents: 0 };
    }
    if (!SOLD.has(order.orderPaymentStatus)) return undefined;
    const gross = lines.map((x) => x.lineItemCost + (x.deliveryCost?.shippingCost ?? 0));
    const refunds = (order.paymentSummary?.refunds ?? []).filter((r) => r.refundStatus !== 'FAILED').reduce((a, r) => a + r.amount, 0);
    const amount = gross[i]! - allocate(refunds, gross)[i]!;
    const marketplaceFee = order.totalMarketplaceFee !== undefined ? allocate(order.totalMarketplaceFee, gross)[i]! : sellerFeesCents(scheduleOf(l.item_id), gross[i]!);
    return { ...base, id: `ebay-sold-${order.orderId}-${line.lineItemId}`, at: Date.parse(order.creationDate) || now, type: 'sold', amountCents: amount, feesCents: marketplaceFee + shippingOutOf(l.item_id) };
  }

  /** Inventory item, offer, publish: each step once, its result saved before the next. */
  async function place(entry: Entry, spec: EbayListingSpec, repeated: boolean, now: number): Promise<void> {
    await o.client.putInventoryItem(entry.sku, inventoryItem(spec));
    // A repeated request: eBay may hold the offer (and its listing) though the answers were lost.
    if (repeated) {
      const found = (await o.client.offersForSku(entry.sku))[0];
      // None there (never made, or deleted by a person in Seller Hub): one is created below.
      entry.offer_id = found?.offerId ?? null;
      if (found?.status === 'PUBLISHED' && found.listing?.listingId) entry.listing_id = found.listing.listingId;
      else if (found) await o.client.updateOffer(found.offerId, offerDetails(spec, entry.price_cents));
      save(now);
    }
    if (entry.offer_id === null) {
      entry.offer_id = await o.client.createOffer(entry.sku, offerDetails(spec, entry.price_cents));
      save(now);
    }
    if (entry.listing_id === null) {
      entry.listing_id = await o.client.publishOffer(entry.offer_id);
      save(now);
    }
  }

  return {
    name: 'ebay',
    simulated: false,
    remember(itemId, ref, now) {
      if (book().items[itemId] === ref) return;
      book().items[itemId] = ref;
      save(now);
    },
    authenticated(itemId, now) {
      const s = book();
      if (s.items[itemId] === undefined || s.authenticated.includes(itemId)) return;
      s.authenticated.push(itemId);
      save(now);
    },
    handles: (itemId) => specOfItem(itemId) !== undefined,
    owns: (listingId) => listingId !== '' && byListingId(listingId) !== undefined,

    async list(req, now) {
      const s = book();
      const seen = s.listings[req.clientId];
      if (seen?.listing_id) return listing(req.clientId, seen);
      const spec = specOfItem(req.itemId);
      if (!spec) return refused(req, 'NOT_ON_EBAY', `item ${req.itemId} has no eBay listing in ventures.luxury_agent.ebay.listings`);
      if (!s.authenticated.includes(req.itemId)) return refused(req, 'NOT_AUTHENTICATED', `item ${req.itemId} has not passed authentication; it is never listed before it has`);
      const entry: Entry = seen ?? { item_id: req.itemId, sku: skuOf(req.itemId), offer_id: null, listing_id: null, price_cents: req.priceCents, requested_at: now, settled: false };
      s.listings[req.clientId] = entry;
      save(now);
      try {
        await place(entry, spec, seen !== undefined, now);
      } catch (err) {
        // eBay refused the listing itself (a missing item specific, a policy, a category): this item
        // is refused and the rest of the cycle goes on; the offer is kept, and the next attempt
        // brings it up to date with the settings before publishing it.
        if (err instanceof NeoLightError && err.detail?.reason === 'rejected') return refused(req, 'EBAY_REJECTED', err.message);
        throw err;
      }
      return listing(req.clientId, entry);
    },

    async reprice(listingId, priceCents, now) {
      const found = byListingId(listingId);
      if (!found) return { clientId: '', listingId, itemId: '', priceCents, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent` };
      const [clientId, l] = found;
      const spec = specOfItem(l.item_id);
      if (!spec) return { ...listing(clientId, l), state: 'rejected', code: 'NOT_ON_EBAY', detail: `item ${l.item_id}'s reference is no longer in ventures.luxury_agent.ebay.listings` };
      const offer = await o.client.getOffer(l.offer_id!);
      const status = offer.listing?.listingStatus ?? 'NOT_LISTED';
      // A sold or ended listing is not repriced: its sale (or its end) is reported by the orders.
      if ((offer.listing?.soldQuantity ?? 0) > 0) return listing(clientId, l, 'sold');
      if (!LIVE.has(status)) return listing(clientId, l, 'delisted');
      await o.client.updateOffer(l.offer_id!, offerDetails(spec, priceCents));
      l.price_cents = priceCents;
      save(now);
      return listing(clientId, l);
    },

    async delist(listingId) {
      const found = byListingId(listingId);
      if (!found) return { clientId: '', listingId, itemId: '', priceCents: 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent` };
      const [clientId, l] = found;
      await o.client.withdrawOffer(l.offer_id!);
      return listing(clientId, l, 'delisted');
    },

    async events(cursor, now) {
      const s = book();
      let changed = false;
      if (settleBooked(s.listings, cursor, (id) => {
        const l = id.startsWith('returned:') ? s.listings[id.slice('returned:'.length)] : undefined;
        if (l?.return && !l.return.booked) changed = l.return.booked = true;
      })) changed = true;
      const entries = Object.entries(s.listings);
      const open = entries.filter(([, l]) => l.listing_id !== null && !l.settled);
      const events: MarketplaceEvent[] = [];
      const reported: string[] = [];
      if (open.length > 0) {
        const all = await orders(Math.max(now - ORDER_WINDOW_MS, Math.min(...open.map(([, l]) => l.requested_at)) - 86_400_000));
        for (const [clientId, l] of open) {
          const found = all
            .filter((x) => x.lineItems.some((li) => li.sku === l.sku))
            .map((x) => saleEvent(x, clientId, l, now))
            .filter((e): e is MarketplaceEvent => e !== undefined);
          const sold = found.find((x) => x.type === 'sold');
          // A cancelled order settles nothing: eBay can sell the item again, so its orders stay watched.
          if (sold) {
            reported.push(clientId);
            if (l.sold_at === undefined) {
              l.sold_at = sold.at;
              changed = true;
            }
          }
          const e = sold ?? found[0];
          if (e) events.push(e);
        }
      }
      const watched = entries.filter(([, l]) => l.settled && l.sold_at !== undefined && l.return === undefined && now - l.sold_at < (o.returnWatchMs ?? RETURN_WATCH_MS));
      if (watched.length > 0) {
        const all = await returnsSince(o.client, Math.min(...watched.map(([, l]) => l.sold_at!)) - 86_400_000, o.pageSize ?? 200, o.maxPages ?? 10);
        for (const [, l] of watched) {
          // Our listings sell one item once: a return on the listing is this sale's.
          const r = all.find((x) => x.creationInfo.item.itemId === l.listing_id);
          const done = r && (await refundedReturn(o.client, r, now));
          if (!done) continue;
          l.return = done;
          changed = true;
        }
      }
      if (changed) save(now);
      // Reported from the memory until booked: a restart between report and booking loses nothing.
      for (const [clientId, l] of entries) {
        if (!l.return || l.return.booked) continue;
        events.push(...returnEvents(l.return, clientId, l));
        reported.push(returnAck(clientId));
      }
      return { events: events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)), cursor: JSON.stringify(reported) };
    },
  };
}
