/**
 * The simulated dropshipping venue's own book (`runtime/dropship_market_sim.json`): what the store
 * and the supplier remember of the agent, as real ones do — its listings (with their price history),
 * the orders they took (with the return or chargeback each will see) and the supplier purchases — so
 * a restarted agent finds every listing, order and return where it was, and a repeated client id gets
 * the first answer. Entries closed before `compacted_through` are dropped (docs/ventures.md, "Venue
 * journals"). Demand is not stored: it is a pure function of seed and time.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const ms = z.number().int();
const cents = z.number().int();

const dropshipSimState = z.object({
  updated_at: isoTime,
  simulated: z.literal(true),
  /** Entries closed at or before this time (ms) have been dropped; absent: nothing was. */
  compacted_through: ms.optional(),
  listings: z.record(
    z.string().min(1),
    z.object({
      listing_id: z.string().min(1),
      product_id: z.string().min(1),
      since: ms,
      /** When it came down; null while active. */
      until: ms.nullable(),
      /** Price in force from each time on (ascending), the first at `since`. */
      prices: z.array(z.object({ from: ms, price_cents: cents })).min(1),
      /** Orders of every hour closing at or before this time are in `orders`. */
      orders_through: ms,
    }),
  ),
  orders: z.record(
    z.string().min(1),
    z.object({ listing_id: z.string().min(1), product_id: z.string().min(1), price_cents: cents, fees_cents: cents, at: ms, return_at: ms.nullable(), chargeback_at: ms.nullable() }),
  ),
  purchases: z.record(
    z.string().min(1),
    z.object({ state: z.enum(['filled', 'rejected']), offer_id: z.string(), qty: z.number().int().min(0), price_cents: cents, fees_cents: cents, at: ms, code: z.string().optional(), detail: z.string().optional() }),
  ),
});
export type DropshipSimState = z.infer<typeof dropshipSimState>;

export const dropshipMarketSim = defineDocument({
  name: 'dropship_market_sim',
  path: 'runtime/dropship_market_sim.json',
  description: "The simulated dropshipping store's and supplier's memory of the agent's listings, orders and purchases (simulated: true).",
  schema: dropshipSimState,
});
