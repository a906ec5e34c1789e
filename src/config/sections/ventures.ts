/**
 * The `ventures` section of the config file: one strict object per revenue agent, each with the
 * settings every venture shares (budget, approval threshold, per-item cap, margin, interval) and,
 * where it has them, its own. Every key is optional; each venture documents its defaults.
 * `budget_usd` and `budget_fraction` are alternatives: giving both is an error.
 */
import { z } from 'zod';

const pos = z.number().positive();

export const ventureBaseShape = {
  /** false keeps the agent out of the mesh. */
  enabled: z.boolean().optional(),
  /** Capital at work at most, USD. */
  budget_usd: pos.optional(),
  /** Capital at work at most, as a fraction of the mesh's equity (0–1]. */
  budget_fraction: pos.max(1).optional(),
  /** A single spend above this (USD) waits in the approval queue. */
  approval_above_usd: z.number().min(0).optional(),
  /** Hours a queued approval waits before it is dropped. */
  approval_ttl_hours: pos.max(24 * 30).optional(),
  /** Per-item cap before the risk scaler, USD. */
  item_cap_usd: pos.optional(),
  /** Minimum expected profit as a fraction of all-in cost. */
  min_margin: z.number().min(0).max(10).optional(),
  /** Market seconds between cycles. */
  interval: pos.optional(),
};

const oneBudget = (v: { budget_usd?: number | undefined; budget_fraction?: number | undefined }) => !(v.budget_usd !== undefined && v.budget_fraction !== undefined);
const budgetMessage = { message: 'give budget_usd or budget_fraction, not both', path: ['budget_usd'] };

export const ventureBaseSchema = z.strictObject(ventureBaseShape).refine(oneBudget, budgetMessage);
export type VentureBaseSettings = z.infer<typeof ventureBaseSchema>;

/** The betting agent's own settings beside the shared ones. */
export const sportsBettingSchema = z
  .strictObject({
    ...ventureBaseShape,
    /** Model probability must exceed the de-margined (Shin) price by at least this much (0.03 = 3 points). */
    min_edge: z.number().min(0).max(0.5).optional(),
    /** Fraction of full Kelly staked (0.25 = quarter Kelly). */
    kelly_fraction: pos.max(1).optional(),
    /** Most staked on one market, USD. */
    market_cap_usd: pos.optional(),
    /** Most staked per calendar day (UTC), USD. */
    day_cap_usd: pos.optional(),
    /** Betfair: real bets are placed only when this is true (default false). */
    live_betting: z.boolean().optional(),
    /** Betfair: commission on net market winnings (the account's Market Base Rate). */
    commission: z.number().min(0).max(0.2).optional(),
    /** Betfair: most placements in any rolling hour. */
    max_transactions_per_hour: z.number().int().positive().optional(),
  })
  .refine(oneBudget, budgetMessage);
export type SportsBettingSettings = z.infer<typeof sportsBettingSchema>;

export const venturesSectionSchema = z.strictObject({
  dropship_agent: ventureBaseSchema.optional(),
  ticket_arbitrage: ventureBaseSchema.optional(),
  collectibles_agent: ventureBaseSchema.optional(),
  luxury_agent: ventureBaseSchema.optional(),
  sports_analytics: ventureBaseSchema.optional(),
  sports_betting: sportsBettingSchema.optional(),
  content_agent: ventureBaseSchema.optional(),
  healthcare_agent: ventureBaseSchema.optional(),
});
export type VenturesSection = z.infer<typeof venturesSectionSchema>;
export type VentureName = keyof VenturesSection;
