/**
 * The `risk` section of the config file: overrides of the governor's budgets and thresholds and
 * the risk agents' intervals (market seconds). Every key is optional; defaults are documented in
 * docs/risk.md and in DEFAULT_GOVERNOR_PARAMS / DEFAULT_DRAWDOWN_PARAMS.
 */
import { z } from 'zod';

const pos = z.number().positive();
export const riskSectionSchema = z.strictObject({
  var_budget_daily: pos.max(1).optional(),
  var_budget_weekly: pos.max(1).optional(),
  var_confidence: z.union([z.literal(0.95), z.literal(0.99)]).optional(),
  spike_sigma: pos.optional(),
  governor_interval: pos.optional(),
  drawdown_interval: pos.optional(),
  allocator_interval: pos.optional(),
  telemetry_interval: pos.optional(),
  rebalance_threshold: pos.max(1).optional(),
});
export type RiskSection = z.infer<typeof riskSectionSchema>;
