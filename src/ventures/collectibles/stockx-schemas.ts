/**
 * The shapes of StockX Public API v2 answers the storefront reads (OpenAPI "Listings API" `Listings`
 * and "Order API" `Orders`), reduced to the fields it uses; every other field may be present.
 * Amounts are decimal strings in the documentation ("140"), but its own examples show payout amounts
 * as numbers (76.81), so both are accepted and turned into integer cents.
 */
import { z } from 'zod';
import { toCents } from '../../core/venue.js';

const amount = z
  .union([z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "140.00"'), z.number().finite()])
  .transform((v) => toCents(Number(v)));

const pageShape = { count: z.number(), pageNumber: z.number(), hasNextPage: z.boolean() };

export const stockxListingsPage = z.object({
  ...pageShape,
  listings: z.array(z.object({ listingId: z.string().min(1), status: z.string().min(1), amount: amount.nullable(), createdAt: z.string() })),
});
export type StockxListingsPage = z.infer<typeof stockxListingsPage>;

const payout = z.object({ totalPayout: amount, salePrice: amount, totalAdjustments: amount });

export const stockxOrder = z.object({
  orderNumber: z.string().min(1),
  listingId: z.string().nullable(),
  amount,
  status: z.string().min(1),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  payout: payout.nullable().optional(),
});
export type StockxOrder = z.infer<typeof stockxOrder>;

export const stockxOrdersPage = z.object({ ...pageShape, orders: z.array(stockxOrder) });
export type StockxOrdersPage = z.infer<typeof stockxOrdersPage>;

/**
 * Order states (OpenAPI `ActiveOrderStatus`, `HistoricalOrderStatus`) in which StockX has
 * authenticated the item: the sale is final and the payout due.
 */
export const SALE_FINAL = new Set(['AUTHENTICATED', 'PAYOUTPENDING', 'PAYOUTCOMPLETED', 'PAYOUTFAILED', 'SYSTEMFULFILLED', 'COMPLETED']);
/**
 * Order states that end without a sale. The item never left us when the order was cancelled
 * (CANCELED), the buyer's card was refused (CCAUTHORIZATIONFAILED) or StockX told us not to ship
 * (DONOTSHIP): see ORDER_CANCELLED. The others need a person: the item failed StockX's
 * authentication and comes back (AUTHFAILED), was not shipped in time (DIDNOTSHIP), or was returned.
 * Not terminal: CREATED, SHIPPED, RECEIVED, AUTHENTICATING, SUSPENDED, PENDING, UNKNOWN.
 */
export const SALE_FAILED = new Set(['AUTHFAILED', 'DIDNOTSHIP', 'CANCELED', 'RETURNED', 'CCAUTHORIZATIONFAILED', 'DONOTSHIP']);
/** Ended orders after which the item is still ours and sellable: its ask is kept or placed again. */
export const ORDER_CANCELLED = new Set(['CANCELED', 'CCAUTHORIZATIONFAILED', 'DONOTSHIP']);
/** Listing states (OpenAPI `ListingResponse.status`) of an ask that is gone: nothing can match it any more. */
export const LISTING_DEAD = new Set(['CANCELED', 'DELETED']);
/** Listing states of an ask that is up (shown to buyers or not) and can be repriced. */
export const LISTING_LIVE = new Set(['ACTIVE', 'INACTIVE']);
