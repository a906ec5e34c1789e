/**
 * Input documents written by feeds or by the knowledge integrator: `state/knowledge_snap.json`,
 * `state/trending_products.json`, `state/event_schedule.json`, `state/sports_odds.json`.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const knowledgeSnap = defineDocument({
  name: 'knowledge_snap',
  path: 'state/knowledge_snap.json',
  description: 'External signals (Twitter/Reddit/GitHub) with the status of each source.',
  schema: z.object({
    timestamp: isoTime,
    // partialRecord: a source that is not configured may be absent (zod 4's record over an enum is exhaustive).
    sources: z.partialRecord(
      z.enum(['twitter', 'reddit', 'github']),
      z.object({ status: z.enum(['active', 'no_key', 'error']), items: z.number().int().min(0), detail: z.string().optional() }),
    ),
    /** Aggregate sentiment in [-1, 1]; null when no source is active. */
    sentiment: z.number().min(-1).max(1).nullable(),
    topics: z.array(z.object({ topic: z.string(), score: z.number().min(0) })),
  }),
});

export const trendingProducts = defineDocument({
  name: 'trending_products',
  path: 'state/trending_products.json',
  description: 'Products trending in dropshipping niches, with supplier cost and market price.',
  schema: z.object({
    updated_at: isoTime,
    /** True when the products come from the trend simulator (no real source configured). */
    simulated: z.boolean().optional(),
    products: z.array(
      z.object({
        id: z.string().min(1),
        title: z.string().min(1),
        niche: z.string(),
        supplier: z.string(),
        supplier_cost: z.number().positive(),
        market_price: z.number().positive(),
        trend_score: z.number().min(0).max(1),
        /** Supplier's shipping to the customer per unit, USD. */
        shipping_cost: z.number().min(0).optional(),
        /** Expected orders per day at the market price (the demand curve now). */
        daily_demand: z.number().min(0).optional(),
      }),
    ),
  }),
});

export const eventSchedule = defineDocument({
  name: 'event_schedule',
  path: 'state/event_schedule.json',
  description: 'Upcoming events for ticket arbitrage with face value and secondary-market prices.',
  schema: z.object({
    updated_at: isoTime,
    /** True when the calendar comes from the event simulator (no real source configured). */
    simulated: z.boolean().optional(),
    events: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        venue: z.string(),
        starts_at: isoTime,
        face_value: z.number().positive(),
        secondary_price: z.number().positive().nullable(),
        demand_score: z.number().min(0).max(1),
        /** Posted per-customer purchase limit on the primary site; never exceeded (US BOTS Act). */
        purchase_limit: z.number().int().positive(),
        /** scheduled, postponed (starts_at is the new date) or cancelled (tickets are refunded). */
        status: z.enum(['scheduled', 'postponed', 'cancelled']).optional(),
        /** The first announced start, when the event was postponed. */
        original_starts_at: isoTime.optional(),
        /** True when the primary (face-value) sale is sold out. */
        sold_out: z.boolean().optional(),
      }),
    ),
  }),
});

export const sportsOdds = defineDocument({
  name: 'sports_odds',
  path: 'state/sports_odds.json',
  description: 'Real-time decimal odds per match and bookmaker/exchange.',
  schema: z.object({
    updated_at: isoTime,
    /** Optional: true when the prices come from the simulated books. */
    simulated: z.boolean().optional(),
    matches: z.array(
      z.object({
        match_id: z.string().min(1),
        sport: z.string().min(1),
        home: z.string().min(1),
        away: z.string().min(1),
        kickoff: isoTime,
        prices: z.array(
          z.object({
            venue: z.string().min(1),
            selection: z.enum(['home', 'draw', 'away']),
            decimal_odds: z.number().gt(1, 'decimal odds must be > 1'),
            /** Optional: the venue's commission on net winnings. */
            commission: z.number().min(0).max(1).optional(),
            /** Optional: the venue's probability of this selection with its overround removed by Shin's method. */
            fair_shin: z.number().min(0).max(1).optional(),
            fair_proportional: z.number().min(0).max(1).optional(),
          }),
        ),
      }),
    ),
  }),
});
