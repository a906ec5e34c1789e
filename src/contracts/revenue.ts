/** `state/revenue_by_agent.json`: every agent's revenue, cost and profit rolled up for the status API. */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const REVENUE_AGENTS = [
  'smart_trader',
  'dropship_agent',
  'ticket_arbitrage',
  'sports_analytics',
  'sports_betting',
  'collectibles_agent',
  'luxury_agent',
  'content_agent',
  'healthcare_agent',
] as const;

export const revenueByAgent = defineDocument({
  name: 'revenue_by_agent',
  path: 'state/revenue_by_agent.json',
  description: 'Aggregated revenue by agent; agents that do not run are absent, never zero-filled.',
  schema: z.object({
    updated_at: isoTime,
    currency: z.literal('USD'),
    // partialRecord: an enum-keyed z.record requires every key in zod 4, but absent agents are absent.
    agents: z.partialRecord(
      z.enum(REVENUE_AGENTS),
      z.object({
        revenue: z.number(),
        cost: z.number(),
        profit: z.number(),
        /** True when the figures come from a simulated venue. */
        simulated: z.boolean(),
        updated_at: isoTime,
      }),
    ),
    total_profit: z.number(),
  }),
});
