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
  /** Capital governor: market days between budget rebalances (default 7). */
  capital_period_days: pos.optional(),
  /** Share of total wealth handed out in budgets (default 0.95). */
  capital_deployable: pos.max(1).optional(),
  /** Floor and cap of a venture's share of total wealth (defaults 0.05 and 0.4). */
  capital_floor: z.number().min(0).max(1).optional(),
  capital_cap: pos.max(1).optional(),
  /** Floor of the SmartTrader's share (default 0.5). */
  capital_trader_floor: z.number().min(0).max(1).optional(),
  /** Periods of results before an agent may get more than its floor (default 4). */
  capital_min_track_record: z.number().int().min(1).optional(),
  /** Hedge engine: largest beta of total wealth to SPY and to BTC before a hedge is proposed (defaults 1.0 and 0.5). */
  hedge_spy_beta_limit: pos.optional(),
  hedge_btc_beta_limit: pos.optional(),
  /** Hedges of a factor are bought back once its unhedged beta is at or below this share of its limit (default 0.7). */
  hedge_close_ratio: pos.max(1).optional(),
  /** Hedge book fees, basis points of notional on the open and the close (defaults 1 for SPY, 26 for BTC-USD). */
  hedge_spy_fee_bps: z.number().min(0).optional(),
  hedge_btc_fee_bps: z.number().min(0).optional(),
  /** Annual borrow cost of the hedge book's shorts, fraction of their value (defaults 0.003 for SPY, 0.1 for BTC-USD). */
  hedge_spy_borrow: z.number().min(0).max(1).optional(),
  hedge_btc_borrow: z.number().min(0).max(1).optional(),
});
export type RiskSection = z.infer<typeof riskSectionSchema>;
