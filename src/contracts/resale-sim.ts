/**
 * The simulated resale marketplaces' own books (`runtime/collectibles_market_sim.json`,
 * `runtime/luxury_market_sim.json`): what the venue remembers of the agent's purchases and listings,
 * as a real marketplace does, so a restarted agent that repeats a client id gets the first answer.
 * Market data (asks, comps) is not stored: it is a pure function of seed and time.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const cents = z.number().int();

const simState = z.object({
  updated_at: isoTime,
  simulated: z.literal(true),
  /** Entries closed at or before this time (ms) were dropped (docs/ventures.md, "Venue journals"); absent: none were. */
  compacted_through: cents.optional(),
  purchases: z.record(
    z.string().min(1),
    z.object({ state: z.enum(['filled', 'rejected']), item_id: z.string().nullable(), offer_id: z.string().min(1), price_cents: cents, fees_cents: cents, at: cents, code: z.string().optional(), detail: z.string().optional() }),
  ),
  items: z.record(z.string().min(1), z.object({ ref: z.string().min(1), counterfeit: z.boolean(), bought_at: cents, price_cents: cents, auth_at: cents, auth_passed: z.boolean() })),
  listings: z.record(
    z.string().min(1),
    z.object({ client_id: z.string().min(1), item_id: z.string().min(1), price_cents: cents, listed_at: cents, since: cents, version: z.number().int().min(0), delisted_at: cents.nullable() }),
  ),
});
export type ResaleSimState = z.infer<typeof simState>;

const describe = (what: string): string => `The simulated ${what} marketplace's memory of the agent's purchases and listings (simulated: true).`;

export const collectiblesMarketSim = defineDocument({ name: 'collectibles_market_sim', path: 'runtime/collectibles_market_sim.json', description: describe('collectibles'), schema: simState });
export const luxuryMarketSim = defineDocument({ name: 'luxury_market_sim', path: 'runtime/luxury_market_sim.json', description: describe('luxury goods'), schema: simState });
