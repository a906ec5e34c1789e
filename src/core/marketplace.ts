/**
 * The marketplace port of the commerce ventures (dropshipping, tickets, collectibles, luxury): what
 * can be bought now, what comparable items sold for, buying, listing and repricing, and the events
 * that settle the books (sales, refunds, returns, authentication results, payouts). Each venture's
 * deterministic simulator and each real connector (Shopify, a ticket exchange, StockX, ...) answer
 * it. Money is integer cents. Every call that acts takes a client id and is idempotent on it: the
 * same client id returns the first call's result and never acts twice, which is what lets a
 * restarted agent repeat an action it cannot tell was done.
 */

export interface Offer {
  /** The marketplace's id of what is for sale. */
  readonly id: string;
  /** What it is: product, event-section, sneaker model and size, watch reference. Comps are per ref. */
  readonly ref: string;
  readonly title: string;
  readonly category: string;
  /** Ask price per unit, cents. */
  readonly priceCents: number;
  /** Fees the buyer pays on top (processing, buyer premium, shipping in), cents per unit. */
  readonly buyerFeesCents: number;
  readonly qty: number;
  /** Facts the venture's valuation reads (condition, days to event, seller rating, ...). */
  readonly attrs: Readonly<Record<string, string | number | boolean>>;
}

export interface CompSale {
  readonly ref: string;
  readonly priceCents: number;
  /** Epoch ms of the sale. */
  readonly at: number;
}

export interface BuyRequest {
  readonly clientId: string;
  readonly offerId: string;
  readonly qty: number;
  /** Refuse when the price moved above this (cents per unit, before buyer fees). */
  readonly maxPriceCents: number;
}

export interface Purchase {
  readonly clientId: string;
  readonly state: 'filled' | 'rejected';
  /** Ids of the units bought (inventory item ids), empty when rejected. */
  readonly itemIds: readonly string[];
  /** Price paid per unit and buyer fees in all, cents. */
  readonly priceCents: number;
  readonly feesCents: number;
  /** Why it was rejected (SOLD_OUT, PRICE_MOVED, LIMIT_EXCEEDED, ...). */
  readonly code?: string;
  readonly detail?: string;
}

export interface ListRequest {
  readonly clientId: string;
  readonly itemId: string;
  readonly priceCents: number;
}

export interface Listing {
  readonly clientId: string;
  readonly listingId: string;
  readonly itemId: string;
  readonly priceCents: number;
  readonly state: 'active' | 'sold' | 'delisted' | 'rejected';
  readonly code?: string;
  readonly detail?: string;
}

/**
 * What happened since a cursor; each event has a stable id, so booking it twice is impossible.
 * `unlisted`: the listing ended without a sale and the item came back to us in a state a person must
 * look at (a marketplace's own authentication failed it, or it was returned): it is taken off sale.
 * `fee_credit`: the marketplace gave back fees it had charged (`amountCents`), e.g. on a refunded sale.
 */
export interface MarketplaceEvent {
  readonly id: string;
  readonly at: number;
  readonly type: 'sold' | 'refund' | 'returned' | 'delivered' | 'authenticated' | 'authentication_failed' | 'cancelled' | 'unlisted' | 'payout' | 'fee' | 'fee_credit';
  readonly itemId?: string;
  readonly listingId?: string;
  /** Gross amount (sale price, refund, payout), cents; 0 when the event moves no money. */
  readonly amountCents: number;
  /** Seller fees, shipping out and other costs the event carries, cents. */
  readonly feesCents: number;
  readonly detail?: string;
}

export interface Marketplace {
  readonly name: string;
  /** True for a simulator: every figure it produces is labelled SIMULATED. */
  readonly simulated: boolean;
  scan(nowMs: number): Promise<readonly Offer[]>;
  comps(ref: string, nowMs: number): Promise<readonly CompSale[]>;
  buy(req: BuyRequest, nowMs: number): Promise<Purchase>;
  list(req: ListRequest, nowMs: number): Promise<Listing>;
  reprice(listingId: string, priceCents: number, nowMs: number): Promise<Listing>;
  delist(listingId: string, nowMs: number): Promise<Listing>;
  /** Events after `cursor` (an opaque string from the previous call; undefined from the start). */
  events(cursor: string | undefined, nowMs: number): Promise<{ events: readonly MarketplaceEvent[]; cursor: string }>;
}
