/** The `strategy_lab` section of the config file: the built-in Strategy Lab's cadence and universe. */
import { z } from 'zod';

export const strategyLabSectionSchema = z.strictObject({
  interval_seconds: z.number().positive().default(3600),
  lookback_days: z.number().int().min(20).max(500).default(60),
  momentum_filter: z.boolean().default(true),
  symbols: z.array(z.string()).min(1).optional(),
  external_fresh_seconds: z.number().positive().default(86_400),
});
export type StrategyLabSection = z.infer<typeof strategyLabSectionSchema>;
