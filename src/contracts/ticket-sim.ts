/**
 * The simulated ticket marketplace's own book (`runtime/ticket_market_sim.json`): what the venue
 * remembers of the agent's purchases (our lots) and listings, as a real exchange does, so a
 * restarted agent finds its lots still held, listed, sold or refunded by the venue, and a repeated
 * client id gets the first answer. Offers and buyers are not stored: they are pure functions of
 * seed and time.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const cents = z.number().int();

const ticketSimState = z.object({
  updated_at: isoTime,
  simulated: z.literal(true),
  /** Entries closed at or before this time (ms) were dropped (docs/ventures.md, "Venue journals"); absent: none were. */
  compacted_through: cents.optional(),
  purchases: z.record(
    z.string().min(1),
    z.object({
      state: z.enum(['filled', 'rejected']),
      offer_id: z.string().min(1),
      qty: z.number().int().min(0),
      primary: z.boolean(),
      price_cents: cents,
      fees_cents: cents,
      at: cents,
      code: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
  listings: z.record(
    z.string().min(1),
    z.object({ client_id: z.string().min(1), item_id: z.string().min(1), price_cents: cents, listed_at: cents, since: cents, version: z.number().int().min(0), delisted_at: cents.nullable() }),
  ),
});
export type TicketSimState = z.infer<typeof ticketSimState>;

export const ticketMarketSim = defineDocument({
  name: 'ticket_market_sim',
  path: 'runtime/ticket_market_sim.json',
  description: "The simulated ticket marketplace's memory of the agent's lots and listings (simulated: true).",
  schema: ticketSimState,
});
