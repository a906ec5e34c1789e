/**
 * The risk agents' state documents: `state/risk_governor.json` (which gate is active and why),
 * `state/drawdown_guard.json` (tiers, halt, recovery — every capital agent obeys it, and a halt
 * survives restarts because it lives here) and `state/allocator_drift.json` (target weights and
 * drift against holdings, which the SmartTrader rebalances on).
 */
import { z } from 'zod';
import { defineDocument, isoTime, symbol } from './contract.js';

export const tradingState = z.enum(['ACTIVE', 'REDUCING', 'HALTED']);

/**
 * Why the risk state is what it is: a closed union of stable codes, shared by the risk documents,
 * the combined risk state every capital agent obeys, the logs, `/status` and the dashboard
 * (docs/risk.md says when each fires). The first eight are input failures, on which risk fails
 * closed to REDUCING; the others name the gate or guard that restricts trading.
 */
export const riskReasonCode = z.enum([
  'RISK_STATE_MISSING',
  'RISK_STATE_STALE',
  'RISK_STATE_INVALID',
  'EQUITY_HISTORY_CORRUPT',
  'VAR_HISTORY_UNAVAILABLE',
  'CAPITAL_BUDGET_MISSING',
  'CAPITAL_BUDGET_STALE',
  'CAPITAL_BUDGET_INVALID',
  'VAR_DAILY_EXCEEDED',
  'VAR_WEEKLY_EXCEEDED',
  'VOLATILITY_SPIKE',
  'DRAWDOWN_SLOWDOWN',
  'DRAWDOWN_HALT',
  'DRAWDOWN_RECOVERY',
]);
export type RiskReasonCode = z.infer<typeof riskReasonCode>;
export const volatilityRegime = z.enum(['calm', 'normal', 'stressed']);
const fraction = z.number().min(0).max(1);
const finiteNum = z.number().refine(Number.isFinite, 'must be a finite number');

const varFigures = z.object({
  historical_95: z.number().min(0).nullable(),
  historical_99: z.number().min(0).nullable(),
  gaussian_95: z.number().min(0).nullable(),
  gaussian_99: z.number().min(0).nullable(),
});

export const riskGovernor = defineDocument({
  name: 'risk_governor',
  path: 'state/risk_governor.json',
  description: 'Risk governor: volatility regime, exposure cap, daily/weekly VaR gates, volatility-spike stop.',
  schema: z.object({
    updated_at: isoTime,
    trading_state: tradingState,
    regime: volatilityRegime,
    realized_volatility: z.number().min(0).nullable(),
    risk_scaler: z.number().min(0),
    /** Gross exposure allowed, as a fraction of equity (regime cap × risk_scaler, at most max_gross). */
    exposure_cap: z.number().min(0),
    var_daily: varFigures,
    var_weekly: varFigures,
    var_budget: z.object({ daily: z.number().positive(), weekly: z.number().positive(), confidence: z.union([z.literal(0.95), z.literal(0.99)]) }),
    /** Market time until which a volatility-spike stop holds, or null. */
    spike_until: isoTime.nullable(),
    gates: z.array(z.object({ name: z.enum(['var_daily', 'var_weekly', 'volatility_spike', 'exposure_regime']), active: z.boolean(), reason: z.string() })),
    observations: z.number().int().min(0),
    /** Codes of what restricts trading now (active gates, unreadable inputs); empty when all clear. */
    reasons: z.array(riskReasonCode).default([]),
  }),
});

export const drawdownEvent = z.object({
  at: isoTime,
  type: z.enum(['tier_1', 'tier_2', 'tier_3', 'halt', 'recovery_entered', 'recovery_step', 'recovered', 'new_high']),
  equity: finiteNum,
  drawdown: fraction,
  multiplier: fraction,
  detail: z.string(),
});
export type DrawdownEvent = z.infer<typeof drawdownEvent>;

export const drawdownGuardState = z.object({
  updated_at: isoTime,
  mode: z.enum(['normal', 'slowdown', 'halted', 'recovery']),
  trading_state: tradingState,
  /** Exposure multiplier every capital agent applies to new exposure (0 when halted). */
  multiplier: fraction,
  /** Highest tier reached in the current episode (0 none, 1..3 slow-downs, 4 halt). */
  tier: z.number().int().min(0).max(4),
  equity: finiteNum.nullable(),
  /** All-time high-water mark (for reporting). */
  peak: finiteNum.nullable(),
  /** Reference the tiers are measured from: the high-water mark, re-based at recovery re-entry. */
  reference: finiteNum.nullable(),
  drawdown: fraction,
  trough: finiteNum.nullable(),
  halted_at: isoTime.nullable(),
  /** Recovery ladder level (0.25 → 0.5 → 0.75 → 1) while in recovery, else null. */
  recovery_multiplier: fraction.nullable(),
  recovery_step_at: isoTime.nullable(),
  recovery_step_equity: finiteNum.nullable(),
  /** Seq of the last performance_metrics row consumed (so a restart resumes without double counting). */
  last_seq: z.number().int().min(0),
  events: z.array(drawdownEvent),
  /**
   * Input failures seen on the last tick (EQUITY_HISTORY_CORRUPT when the equity ledger cannot be
   * read). They do not enter the guard's own state machine (`trading_state`); whoever combines the
   * risk state treats them as reduce-only.
   */
  reasons: z.array(riskReasonCode).default([]),
});
export type DrawdownGuardState = z.infer<typeof drawdownGuardState>;

export const drawdownGuard = defineDocument({
  name: 'drawdown_guard',
  path: 'state/drawdown_guard.json',
  description: 'Drawdown guard: tier slow-downs at -5/-10/-15 %, halt at -20 %, recovery mode; obeyed by every capital agent.',
  schema: drawdownGuardState,
});

export const allocatorDrift = defineDocument({
  name: 'allocator_drift',
  path: 'state/allocator_drift.json',
  description: 'Allocator target weights and portfolio drift per asset and in total.',
  schema: z.object({
    updated_at: isoTime,
    source: z.string(),
    equity: finiteNum,
    targets: z.record(symbol, fraction),
    assets: z.array(
      z.object({
        symbol,
        target_weight: fraction,
        current_weight: finiteNum,
        drift: finiteNum,
        /** Signed notional to trade to reach the target (positive buys). */
        trade_notional: finiteNum,
      }),
    ),
    /** (Σ|drift| + |Σdrift|) / 2: the fraction of equity that must change hands (cash balancing). */
    total_drift: z.number().min(0),
    rebalance_needed: z.boolean(),
    threshold: z.number().min(0),
  }),
});
