/**
 * The collectibles agent's listings on StockX (Public API v2, seller side): an item whose catalogue
 * reference the settings map to a StockX variant is listed as an ask on that variant, repriced and
 * deleted there, and its sale comes back from StockX's orders.
 * - list: StockX takes no client reference, so the request is written to the connector's memory
 *   before the create call and the listing id after it. A request found in flight (the process died
 *   between the two) adopts the ask StockX made for it — an ask on the same variant at the same
 *   price, created since the request, that no other request owns — before it would place another.
 * - operations: create, update and delete are asynchronous at StockX. The operation is written to
 *   the memory and polled (stockx-operations.ts) until SUCCEEDED or FAILED; only a SUCCEEDED create
 *   makes the item listed, only a SUCCEEDED update changes the price. FAILED is a refusal carrying
 *   StockX's error; still PENDING after the polling bound is a refusal `STOCKX_PENDING`, and the
 *   next call — also from a restarted process — polls the same operation instead of acting again.
 * - events: an order on one of our listings becomes `sold` once StockX has authenticated the item
 *   (AUTHENTICATED and later: the sale is final), with the payout's adjustments as the fees (the
 *   published schedule when the order carries no payout). A cancelled order (CANCELED,
 *   CCAUTHORIZATIONFAILED, DONOTSHIP: the item never left us) books nothing and the listing is
 *   reconciled with StockX: an ask StockX kept up stays; a CANCELED or DELETED one is replaced by a
 *   new ask at the last price, under the same request, so the agent's item stays listed and its
 *   listing id (the first ask's) keeps working for reprice and delist. Any other end without a sale
 *   (AUTHFAILED, DIDNOTSHIP, RETURNED) becomes an `unlisted` event: nothing is booked, and the item
 *   goes back to held with its authentication failed, so it is not listed again until a person has
 *   looked at it.
 *   The sale is written to the memory when it is first reported and reported from there until the
 *   agent has booked it: the cursor it passes back names the listings whose events it saved.
 * - returns after the payout: a sale reported is watched for `returnWatchMs` (60 days by default).
 *   When StockX later ends that same order without the sale (RETURNED, or any other of SALE_FAILED),
 *   the sale is reversed: a `refund` of the price booked with it and a `fee_credit` of the fees booked
 *   with it — StockX takes back what it paid out (the price less its fees), so the two together undo
 *   exactly the payout; StockX documents no return charge to the seller. The item is back with us and
 *   goes to held, failed for listing until a person has looked at it.
 */
import type { Listing, ListRequest, MarketplaceEvent } from '../../core/marketplace.js';
import type { StockxConnectorState } from '../../contracts/stockx-connector.js';
import type { Storefront } from '../dropship/shopify.js';
import { sellerFeesCents, type FeeSchedule } from '../resale/fees.js';
import type { StockxClient, StockxOperation } from './stockx-client.js';
import { allListings, allOrders, awaitOperation, DEFAULT_MAX_ORDER_PAGES, DEFAULT_POLL_DELAYS_MS, pollBudget, type Polling } from './stockx-operations.js';
import { LISTING_DEAD, LISTING_LIVE, ORDER_CANCELLED, SALE_FAILED, SALE_FINAL, type StockxOrder } from './stockx-schemas.js';
import { connectorMemory, settleBooked, type VenueJournal } from '../shared/venue-memory.js';

export type StockxJournal = VenueJournal<StockxConnectorState>;

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
  /** Order (or listing) pages of 100 read per query at most; more is an error. Default 200. */
  readonly maxPages?: number;
  /** How long after a sale a return of it is looked for, ms (default 60 days). */
  readonly returnWatchMs?: number;
  /** Waits between polls of a listing operation, ms (the first poll is immediate). */
  readonly pollDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface StockxStorefront extends Storefront {
  /** Note which reference a bought item is, so it can be listed on its variant. */
  remember(itemId: string, ref: string, nowMs: number): void;
  /** True when the item's reference is mapped to a StockX variant. */
  handles(itemId: string): boolean;
  /** True when the listing id is one of our StockX asks (also one a cancelled order replaced). */
  owns(listingId: string): boolean;
}

type Entry = StockxConnectorState['listings'][string];
/** An operation's outcome as the storefront acts on it. */
type Done = { ok: true } | { ok: false; code: 'STOCKX_PENDING' | 'STOCKX_FAILED'; detail: string };

type Sold = NonNullable<Entry['sale']>;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const RETURN_WATCH_MS = 60 * 86_400_000;
/** The cursor's name for a booked return of a listing request's sale. */
const returnAck = (clientId: string): string => `returned:${clientId}`;

export function stockxStorefront(o: StockxStorefrontOptions): StockxStorefront {
  const polling: Polling = { delaysMs: o.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS, sleep: o.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))) };
  const { book, save } = connectorMemory(o.journal, (): StockxConnectorState => ({ updated_at: new Date(0).toISOString(), items: {}, listings: {} }));
  const variantOfItem = (itemId: string): string | undefined => {
    const ref = book().items[itemId];
    return ref === undefined ? undefined : o.variantOf(ref);
  };
  const byListingId = (listingId: string): [string, Entry] | undefined =>
    Object.entries(book().listings).find(([, l]) => l.listing_id === listingId || l.previous_listing_ids.includes(listingId));
  const listing = (clientId: string, l: Entry, state: Listing['state'] = 'active'): Listing => ({
    clientId, listingId: l.listing_id ?? '', itemId: l.item_id, priceCents: l.price_cents, state,
  });
  const refused = (clientId: string, l: Entry, d: Exclude<Done, { ok: true }>): Listing => ({ ...listing(clientId, l), state: 'rejected', code: d.code, detail: d.detail });

  /** The ask StockX made for a request whose answer was lost, if any. */
  async function adopt(l: Entry): Promise<string | undefined> {
    const owned = new Set(Object.values(book().listings).flatMap((x) => [x.listing_id, ...x.previous_listing_ids]));
    const asks = await allListings(o.client, { variantIds: l.variant_id, fromDate: day(l.requested_at), listingStatuses: 'ACTIVE,INACTIVE' }, o.maxPages ?? DEFAULT_MAX_ORDER_PAGES);
    return asks.find((x) => !owned.has(x.listingId) && x.amount === l.price_cents && Date.parse(x.createdAt) >= l.requested_at - 60_000)?.listingId;
  }

  /** Poll the entry's operation (the answer `known` when it is already final) and apply what it did. */
  async function finish(l: Entry, now: number, known?: StockxOperation): Promise<Done> {
    const pending = l.operation;
    if (!pending || l.listing_id === null) return { ok: true };
    const what = `StockX ${pending.type} operation ${pending.id} on listing ${l.listing_id}`;
    const op = known && known.operationStatus !== 'PENDING' ? known : await awaitOperation(o.client, l.listing_id, pending.id, polling);
    if (op.operationStatus === 'PENDING') return { ok: false, code: 'STOCKX_PENDING', detail: `${what} still PENDING after ${pollBudget(polling)}; polled again on the next call` };
    l.operation = null;
    if (op.operationStatus === 'SUCCEEDED') {
      if (pending.type === 'UPDATE' && pending.price_cents !== null) l.price_cents = pending.price_cents;
      if (pending.type === 'DELETE') l.settled = true;
    } else if (pending.type === 'CREATE') {
      l.listing_id = null;
    }
    save(now);
    return op.operationStatus === 'SUCCEEDED' ? { ok: true } : { ok: false, code: 'STOCKX_FAILED', detail: `${what} FAILED: ${op.error ?? 'StockX gave no error message'}` };
  }

  /** Remember an operation StockX accepted before waiting for it, so that a restart polls it rather than acting again. */
  async function begin(l: Entry, op: StockxOperation, type: 'CREATE' | 'UPDATE' | 'DELETE', priceCents: number | null, now: number): Promise<Done> {
    if (type === 'CREATE') l.listing_id = op.listingId;
    l.operation = { id: op.operationId, type, price_cents: priceCents, started_at: now };
    save(now);
    return finish(l, now, op);
  }

  /** Bring a request to a listed ask: finish its operation, adopt the ask of a lost answer, or place one. */
  async function ensureListed(l: Entry, now: number, mayBeInFlight: boolean): Promise<Done> {
    if (l.listing_id !== null) return finish(l, now);
    const found = mayBeInFlight ? await adopt(l) : undefined;
    if (found) {
      l.listing_id = found;
      save(now);
      return { ok: true };
    }
    const op = await o.client.createListing(l.variant_id, l.price_cents, { active: o.activeListings });
    return begin(l, op, 'CREATE', null, now);
  }

  /** A cancelled order on the entry's ask: keep the ask if StockX kept it, else place a new one at the last price. */
  async function afterCancel(l: Entry, order: StockxOrder, now: number): Promise<void> {
    const current = await o.client.getListing(l.listing_id!);
    l.handled_orders.push(order.orderNumber);
    if (LISTING_DEAD.has(current.status)) {
      l.previous_listing_ids.push(l.listing_id!);
      l.listing_id = null;
      l.requested_at = now;
    }
    save(now);
    // A refused or unfinished re-list is tried again on the next call (the entry stays without an ask).
    if (l.listing_id === null) await ensureListed(l, now, false);
  }

  /** AUTHFAILED, DIDNOTSHIP, RETURNED before a sale was reported: the item is back with us and a person must look at it first. */
  const unlistedEvent = (order: StockxOrder, clientId: string, l: Entry, now: number): MarketplaceEvent => ({
    id: `stockx-${order.status.toLowerCase()}-${order.orderNumber}`, at: Date.parse(order.updatedAt ?? order.createdAt ?? '') || now, type: 'unlisted', itemId: l.item_id, listingId: order.listingId ?? '',
    amountCents: 0, feesCents: 0, detail: `stockx order ${order.orderNumber} ${order.status} (${clientId})`,
  });
  /** The sale as the memory keeps it: the payout's adjustments are the fees (the published schedule when the order has no payout). */
  const recordSale = (order: StockxOrder, now: number): Sold => {
    const price = order.payout?.salePrice ?? order.amount;
    const fees = order.payout ? price - order.payout.totalPayout : sellerFeesCents(o.fees, price) + o.shippingOutCents;
    return { order_number: order.orderNumber, at: Date.parse(order.updatedAt ?? order.createdAt ?? '') || now, amount_cents: price, fees_cents: fees, returned_at: null, return_booked: false };
  };
  const listingIdOf = (l: Entry): string => l.listing_id ?? l.previous_listing_ids.at(-1) ?? '';
  const saleEvent = (sale: Sold, clientId: string, l: Entry): MarketplaceEvent => ({
    id: `stockx-sold-${sale.order_number}`, at: sale.at, type: 'sold', itemId: l.item_id, listingId: listingIdOf(l), amountCents: sale.amount_cents, feesCents: sale.fees_cents,
    detail: `stockx order ${sale.order_number} (${clientId})`,
  });
  /** The return of a booked sale: the price back to StockX, the fees back to us (after the sale, also when StockX's clock put it later than ours). */
  const returnEvents = (sale: Sold, clientId: string, l: Entry): MarketplaceEvent[] => {
    const at = Math.max(sale.returned_at ?? sale.at, sale.at + 1);
    const base = { at, itemId: l.item_id, listingId: listingIdOf(l), detail: `stockx order ${sale.order_number} ended without the sale after it was booked (${clientId})` };
    return [
      { ...base, id: `stockx-returned-${sale.order_number}`, type: 'refund', amountCents: sale.amount_cents, feesCents: 0 },
      { ...base, id: `stockx-feecredit-${sale.order_number}`, type: 'fee_credit', amountCents: sale.fees_cents, feesCents: 0 },
    ];
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
      if (seen?.listing_id && !seen.operation) return listing(req.clientId, seen);
      let l = seen;
      if (!l) {
        const variant = variantOfItem(req.itemId);
        if (!variant) return { clientId: req.clientId, listingId: '', itemId: req.itemId, priceCents: req.priceCents, state: 'rejected', code: 'NOT_ON_STOCKX', detail: `item ${req.itemId} has no StockX variant in ventures.collectibles_agent.stockx_variants` };
        l = { item_id: req.itemId, variant_id: variant, listing_id: null, price_cents: req.priceCents, requested_at: now, settled: false, operation: null, previous_listing_ids: [], handled_orders: [] };
        s.listings[req.clientId] = l;
        save(now);
      }
      const done = await ensureListed(l, now, seen !== undefined);
      if (done.ok) return listing(req.clientId, l);
      // A create StockX refused leaves nothing listed: the request is forgotten and the next one starts afresh.
      if (l.listing_id === null && l.previous_listing_ids.length === 0) {
        delete s.listings[req.clientId];
        save(now);
      }
      return refused(req.clientId, l, done);
    },

    async reprice(listingId, priceCents, now) {
      const found = byListingId(listingId);
      if (!found) {
        const current = await o.client.getListing(listingId);
        return { clientId: '', listingId, itemId: '', priceCents: current.amountCents ?? 0, state: 'rejected', code: 'UNKNOWN_LISTING', detail: `listing ${listingId} was not placed by this agent` };
      }
      const [clientId, l] = found;
      const earlier = await finish(l, now);
      if (!earlier.ok) return refused(clientId, l, earlier);
      if (l.listing_id === null) return refused(clientId, l, { ok: false, code: 'STOCKX_PENDING', detail: `the ask of ${clientId} is being placed again after a cancelled order` });
      const current = await o.client.getListing(l.listing_id);
      // A matched or completed ask is being sold; a deleted or cancelled one is gone: neither is repriced.
      if (!LISTING_LIVE.has(current.status)) return listing(clientId, l, current.status === 'MATCHED' || current.status === 'COMPLETED' ? 'sold' : 'delisted');
      if (l.price_cents === priceCents) return listing(clientId, l);
      const done = await begin(l, await o.client.updateListing(l.listing_id, priceCents), 'UPDATE', priceCents, now);
      return done.ok ? listing(clientId, l) : refused(clientId, l, done);
    },

    async delist(listingId, now) {
      const found = byListingId(listingId);
      if (!found) {
        const op = await o.client.deleteListing(listingId);
        const final = op.operationStatus === 'PENDING' ? await awaitOperation(o.client, listingId, op.operationId, polling) : op;
        return { clientId: '', listingId, itemId: '', priceCents: 0, state: final.operationStatus === 'SUCCEEDED' ? 'delisted' : 'rejected', ...(final.error ? { detail: final.error } : {}) };
      }
      const [clientId, l] = found;
      const earlier = await finish(l, now);
      if (!earlier.ok) return refused(clientId, l, earlier);
      if (l.listing_id === null) return refused(clientId, l, { ok: false, code: 'STOCKX_PENDING', detail: `the ask of ${clientId} is being placed again after a cancelled order` });
      const done = await begin(l, await o.client.deleteListing(l.listing_id), 'DELETE', null, now);
      return done.ok ? listing(clientId, l, 'delisted') : refused(clientId, l, done);
    },

    async events(cursor, now) {
      const s = book();
      let changed = false;
      if (settleBooked(s.listings, cursor, (id) => {
        const l = id.startsWith('returned:') ? s.listings[id.slice('returned:'.length)] : undefined;
        if (l?.sale && l.sale.returned_at !== null && !l.sale.return_booked) changed = l.sale.return_booked = true;
      })) changed = true;
      if (changed) save(now);
      // Operations a previous call (or process) left unfinished, and asks to place again after a cancelled order.
      for (const l of Object.values(s.listings)) {
        if (!l.settled && !l.sale && (l.operation || (l.listing_id === null && l.previous_listing_ids.length > 0))) await ensureListed(l, now, true);
      }
      const entries = Object.entries(s.listings);
      const open = entries.filter(([, l]) => l.listing_id !== null && !l.settled && !l.sale);
      const watched = entries.filter(([, l]) => l.sale !== undefined && l.sale.returned_at === null && now - l.sale.at < (o.returnWatchMs ?? RETURN_WATCH_MS));
      const events: MarketplaceEvent[] = [];
      const reported: string[] = [];
      if (open.length + watched.length > 0) {
        // The history is filtered on the order's creation, which follows the listing request.
        const from = day(Math.min(...[...open, ...watched].map(([, l]) => l.requested_at)));
        const maxPages = o.maxPages ?? DEFAULT_MAX_ORDER_PAGES;
        const all = [...(await allOrders(o.client, 'active', {}, maxPages)), ...(await allOrders(o.client, 'history', { fromDate: from }, maxPages))];
        for (const [clientId, l] of open) {
          const mine = all.filter((x) => x.listingId === l.listing_id && !l.handled_orders.includes(x.orderNumber));
          const order = mine.find((x) => SALE_FINAL.has(x.status)) ?? mine.find((x) => SALE_FAILED.has(x.status));
          if (!order) continue;
          if (ORDER_CANCELLED.has(order.status)) {
            await afterCancel(l, order, now);
            continue;
          }
          if (!SALE_FINAL.has(order.status)) {
            events.push(unlistedEvent(order, clientId, l, now));
            reported.push(clientId);
            continue;
          }
          l.sale = recordSale(order, now);
          save(now);
        }
        for (const [, l] of watched) {
          // The order booked as the sale, now ended without it: the item came back after the payout.
          const order = all.find((x) => x.orderNumber === l.sale!.order_number);
          if (!order || !SALE_FAILED.has(order.status)) continue;
          l.sale!.returned_at = now;
          save(now);
        }
      }
      // Reported from the memory until booked: a restart between report and booking loses nothing.
      for (const [clientId, l] of entries) {
        if (!l.sale) continue;
        if (!l.settled) {
          events.push(saleEvent(l.sale, clientId, l));
          reported.push(clientId);
        }
        if (l.sale.returned_at !== null && !l.sale.return_booked) {
          events.push(...returnEvents(l.sale, clientId, l));
          reported.push(returnAck(clientId));
        }
      }
      return { events: events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)), cursor: JSON.stringify(reported) };
    },
  };
}
