/**
 * Allocator decisions (pure): signals + risk constraints → target weights, and the drift report
 * the SmartTrader rebalances on. The SmartTrader and the backtester size with these same
 * functions, so the allocator's report describes exactly the book they would trade to.
 *
 * portfolioTargets: the signals are the weights bridge's allocations w_i (already projected onto
 * [0.02, 0.35], Σw = 1). Each target is t_i = min(w_i · risk_scaler · m, 0.99 · maxWeight), where m
 * is the drawdown guard's multiplier and maxWeight the risk checks' position cap (kept just under
 * it so a rebalance never trips that check); then all targets are scaled by
 * k = min(1, grossCap / Σt), grossCap = min(max_gross, 0.99 × governor exposure cap × m), so the
 * book never needs more than the cash-only paper account or the risk governor allows (the 1 %
 * headroom keeps spread, slippage and fees from pushing a buy just over the exposure check).
 *
 * driftReport: for every asset in the targets or the holdings, current weight c_i = q_i·p_i / E,
 * drift d_i = c_i − t_i, trade notional (t_i − c_i)·E (positive buys); total drift =
 * (Σ|d_i| + |Σd_i|) / 2, the fraction of equity that must change hands counting cash as the
 * balancing asset (so opening one 8 % position is 8 %, and a switch of 8 % between two assets is
 * 8 %); rebalance when total drift > threshold (default 5 %). Inside a rebalance, the SmartTrader then
 * trades each asset whose own drift exceeds its per-asset threshold (trader.drift_threshold).
 */

import { DEFAULT_LIMITS } from './types.js';

export interface TargetConstraints {
  readonly riskScaler: number;
  /** The drawdown guard's multiplier (1 when no tier is active). */
  readonly multiplier: number;
  /** Largest gross exposure as a fraction of equity. */
  readonly grossCap: number;
  /** Largest weight of one asset; omitted, no per-asset cap. */
  readonly maxWeight?: number;
}

/**
 * The targets under the risk state in force, as both the allocator and the SmartTrader build them:
 * their drift reports are comparable only because they share this one construction.
 */
export function riskTargets(
  allocations: Readonly<Record<string, number>>,
  riskScaler: number,
  risk: { readonly multiplier: number; readonly exposureCap: number },
  maxGross: number,
): Record<string, number> {
  const grossCap = Math.min(maxGross, 0.99 * risk.exposureCap);
  return portfolioTargets(allocations, { riskScaler, multiplier: risk.multiplier, grossCap, maxWeight: DEFAULT_LIMITS.maxPositionWeight });
}

export function portfolioTargets(allocations: Readonly<Record<string, number>>, c: TargetConstraints): Record<string, number> {
  const targets: Record<string, number> = {};
  const cap = (c.maxWeight ?? Number.POSITIVE_INFINITY) * 0.99;
  let gross = 0;
  for (const s in allocations) {
    const w = allocations[s]!;
    const t = Math.max(0, Math.min(w * c.riskScaler * c.multiplier, cap));
    targets[s] = Number.isFinite(t) ? t : 0;
    gross += targets[s];
  }
  const grossCap = Math.max(0, c.grossCap);
  const k = gross > grossCap && gross > 0 ? grossCap / gross : 1;
  if (k !== 1) for (const s in targets) targets[s] = targets[s]! * k;
  return targets;
}

