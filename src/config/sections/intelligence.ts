/**
 * The `intelligence` section of the config file: the tradable universe the weights bridge accepts
 * and the orchestrator's volatility target.
 */
import { z } from 'zod';

export const intelligenceSectionSchema = z.strictObject({
  universe: z.array(z.string().min(1)).min(1).optional(),
  /** Annualised volatility target of the orchestrator's volatility targeting. */
  target_vol: z.number().positive().max(5).optional(),
  /** Symbols whose bars stand in for the portfolio when the equity curve is too short. */
  proxy_symbols: z.array(z.string().min(1)).min(1).optional(),
  /** An input older than this many market seconds counts as stale. */
  stale_after: z.number().positive().optional(),
});
export type IntelligenceSection = z.infer<typeof intelligenceSectionSchema>;
