/**
 * The eBay connector's own memory (`runtime/luxury_ebay.json`): which of the luxury agent's items
 * passed authentication, which catalogue reference each bought item is, and what each listing
 * request became on eBay (its SKU, offer and listing ids), so that a request repeated after a lost
 * answer or a restart adopts the offer eBay already holds for the SKU instead of placing a second
 * one, and a sale reported by eBay's orders is booked once, against the right item — and a return
 * of it (Post-Order API) once too.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const cents = z.number().int();

export const luxuryEbay = defineDocument({
  name: 'luxury_ebay',
  path: 'runtime/luxury_ebay.json',
  description: "The eBay connector's memory: each bought item's reference and authentication, each listing request's SKU, offer and listing id.",
  schema: z.object({
    updated_at: isoTime,
    /** Item id → the catalogue reference it was bought as. */
    items: z.record(z.string().min(1), z.string().min(1)),
    /** Item ids whose authentication passed (the simulator's `authenticated` event): only these are listed. */
    authenticated: z.array(z.string().min(1)),
    /** Listing client id → the offer on eBay (offer_id and listing_id null until eBay answered). */
    listings: z.record(
      z.string().min(1),
      z.object({
        item_id: z.string().min(1),
        sku: z.string().min(1).max(50),
        offer_id: z.string().min(1).nullable(),
        listing_id: z.string().min(1).nullable(),
        price_cents: cents,
        requested_at: cents,
        /** Set once the sale (or its cancellation) was reported to the agent and booked: no further order look-ups. */
        settled: z.boolean().default(false),
        /** When the sale was made (from the order): its returns are looked for for a while after. */
        sold_at: cents.optional(),
        /**
         * A return of the sale whose refund eBay issued, as eBay reported it (cents): the refund to the
         * buyer, the return label when we pay it, the final value fee eBay credited. `booked`: the agent booked it.
         */
        return: z
          .object({ return_id: z.string().min(1), at: cents, refund_cents: cents, shipping_cents: cents, fee_credit_cents: cents, booked: z.boolean() })
          .optional(),
      }),
    ),
  }),
});
export type LuxuryEbayState = z.infer<typeof luxuryEbay.schema>;
