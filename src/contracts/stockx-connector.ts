/**
 * The StockX connector's own memory (`runtime/collectibles_stockx.json`): which StockX listing each
 * of the collectibles agent's listing requests became, and which reference each bought item is, so
 * that a repeated request (a restart between the call and the agent's write) finds its first listing
 * instead of placing a second ask, and a sale reported by StockX is booked against the right item.
 * StockX takes no client reference on a listing, so the request is written here before the call.
 * Listing operations are asynchronous at StockX: one not yet done is kept here (`operation`) so that
 * a restarted process resumes polling it instead of acting again. An ask whose order StockX
 * cancelled is replaced by a new one under the same request (`previous_listing_ids`, `handled_orders`).
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const cents = z.number().int();

export const collectiblesStockx = defineDocument({
  name: 'collectibles_stockx',
  path: 'runtime/collectibles_stockx.json',
  description: "The StockX connector's memory: each listing request's StockX listing id, and each bought item's reference.",
  schema: z.object({
    updated_at: isoTime,
    /** Item id → the catalogue reference it was bought as. */
    items: z.record(z.string().min(1), z.string().min(1)),
    /** Listing client id → the ask on StockX (listing_id null while the create call is in flight). */
    listings: z.record(
      z.string().min(1),
      z.object({
        item_id: z.string().min(1),
        variant_id: z.string().min(1),
        listing_id: z.string().min(1).nullable(),
        price_cents: cents,
        requested_at: cents,
        /** Set once the sale (or its failure) was reported to the agent and booked: no further order look-ups. */
        settled: z.boolean().default(false),
        /** A create, update or delete StockX has not finished yet (PENDING when last polled); null when none. */
        operation: z
          .object({ id: z.string().min(1), type: z.enum(['CREATE', 'UPDATE', 'DELETE']), price_cents: cents.nullable(), started_at: cents })
          .nullable()
          .default(null),
        /** Earlier asks of this request that died with a cancelled order (the agent may still name the first). */
        previous_listing_ids: z.array(z.string().min(1)).default([]),
        /** Orders on this request's asks that ended without a sale and were dealt with (re-listed, or the ask lived on). */
        handled_orders: z.array(z.string().min(1)).default([]),
        /**
         * The order reported as the sale, as reported (price and fees, cents): the same event until the
         * agent booked it, and what a later return gives back. `returned_at`: when StockX was seen to end
         * the order without the sale after all (RETURNED and the like, after the payout); `return_booked`:
         * the agent booked that.
         */
        sale: z
          .object({ order_number: z.string().min(1), at: cents, amount_cents: cents, fees_cents: cents, returned_at: cents.nullable(), return_booked: z.boolean() })
          .optional(),
      }),
    ),
  }),
});
export type StockxConnectorState = z.infer<typeof collectiblesStockx.schema>;
