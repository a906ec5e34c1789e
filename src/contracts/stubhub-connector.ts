/**
 * The StubHub connector's own memory (`runtime/ticket_stubhub.json`): which StubHub listing each of
 * the ticket agent's listing requests became, and which event and how many tickets each bought lot
 * is, so that a repeated request (a restart between the call and the agent's write) finds its first
 * listing — by the external id we gave it — instead of placing a second, and a sale StubHub reports
 * is booked against the right lot — and, if StubHub later cancels it, reversed once. The request is
 * written here before the create call.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const cents = z.number().int();

export const ticketStubhub = defineDocument({
  name: 'ticket_stubhub',
  path: 'runtime/ticket_stubhub.json',
  description: "The StubHub connector's memory: each listing request's external id and StubHub listing id, and each bought lot's event and size.",
  schema: z.object({
    updated_at: isoTime,
    /** Lot (item) id → the schedule event it was bought for and its number of tickets. */
    lots: z.record(z.string().min(1), z.object({ event_id: z.string().min(1), qty: z.number().int().positive() })),
    /** Listing client id → the listing on StubHub (listing_id null while the create call is in flight). */
    listings: z.record(
      z.string().min(1),
      z.object({
        item_id: z.string().min(1),
        stubhub_event_id: z.number().int().positive(),
        /** Our `external_id` on the listing: StubHub finds the listing by it after a lost answer. */
        external_id: z.string().min(1),
        listing_id: z.number().int().positive().nullable(),
        /** Price of each ticket, cents. */
        price_cents: cents,
        qty: z.number().int().positive(),
        requested_at: cents,
        /** Set once the sale was reported to the agent and booked: no further look-ups for a sale (only for its cancellation). */
        settled: z.boolean().default(false),
        /**
         * The sale StubHub reported, as it was reported (gross and the fees StubHub kept, cents): the
         * same event again until the agent booked it, and what a cancellation gives back. `cancelled_at`:
         * when StubHub was seen to pay nothing for it any more; `reversal_booked`: the agent booked that.
         */
        sale: z
          .object({ id: z.number().int(), at: cents, gross_cents: cents, fees_cents: cents, cancelled_at: cents.nullable(), reversal_booked: z.boolean() })
          .optional(),
      }),
    ),
  }),
});
export type StubhubConnectorState = z.infer<typeof ticketStubhub.schema>;
