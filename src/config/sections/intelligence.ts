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
  /** Scheduled neural tuner: market days between runs (default 7), the out-of-sample Sharpe gain a new parameter set needs (default 0.1), the strategy and symbol it tunes (defaults sma-cross, SPY). */
  tuner_period_days: z.number().positive().optional(),
  tuner_margin: z.number().min(0).max(5).optional(),
  tuner_strategy: z.enum(['sma-cross', 'momentum']).optional(),
  tuner_symbol: z.string().min(1).optional(),
});
export type IntelligenceSection = z.infer<typeof intelligenceSectionSchema>;
