/**
 * Allocator decisions (pure): signals + constraints → target weights, and the drift report the
 * SmartTrader rebalances on.
 *
 * targetWeights: keep the assets whose signal s_i is a finite number > 0, take the `maxAssets`
 * strongest, and project s onto {lo ≤ w_i ≤ hi, Σw = 1} with the weights bridge's exact projection
 * (defaults 0.02 / 0.35); finally scale by `investedFraction` (the risk governor's exposure cap
 * × drawdown multiplier, ≤ 1), so Σ target = investedFraction and the rest stays in cash.
 *
 * driftReport: for every asset in the targets or the holdings, current weight c_i = q_i·p_i / E,
 * drift d_i = c_i − t_i, trade notional (t_i − c_i)·E (positive buys); total drift = Σ|d_i| / 2,
 * the fraction of equity that must change hands; rebalance when total drift > threshold (5 %).
 */
import { PROJECTION_HI, PROJECTION_LO, projectWeights } from '../intelligence/weights-projection.js';

export interface AllocationConstraints {
  readonly lo: number;
  readonly hi: number;
  readonly maxAssets: number;
  /** Fraction of equity to invest in total, in [0, 1]. */
  readonly investedFraction: number;
}

export const DEFAULT_CONSTRAINTS: AllocationConstraints = { lo: PROJECTION_LO, hi: PROJECTION_HI, maxAssets: 20, investedFraction: 1 };

export type TargetResult = { ok: true; targets: Record<string, number> } | { ok: false; reason: string };

export function targetWeights(signals: Readonly<Record<string, number>>, c: AllocationConstraints = DEFAULT_CONSTRAINTS): TargetResult {
  const positive = Object.entries(signals)
    .filter(([, s]) => Number.isFinite(s) && s > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, Math.max(0, Math.floor(c.maxAssets)));
  const p = projectWeights(Object.fromEntries(positive), { lo: c.lo, hi: c.hi });
  if (!p.ok) return { ok: false, reason: p.reason };
  const f = Number.isFinite(c.investedFraction) ? Math.min(1, Math.max(0, c.investedFraction)) : 0;
  const targets: Record<string, number> = {};
  for (const [s, w] of Object.entries(p.weights)) targets[s] = w * f;
  return { ok: true, targets };
}

export interface DriftRow {
  symbol: string;
  target_weight: number;
  current_weight: number;
  drift: number;
  trade_notional: number;
}

export interface DriftReport {
  assets: DriftRow[];
  total_drift: number;
  rebalance_needed: boolean;
  threshold: number;
}

export function driftReport(
  targets: Readonly<Record<string, number>>,
  holdings: Readonly<Record<string, number>>,
  prices: Readonly<Record<string, number>>,
  equity: number,
  threshold = 0.05,
): DriftReport {
  const symbols = [...new Set([...Object.keys(targets), ...Object.keys(holdings).filter((s) => (holdings[s] ?? 0) !== 0)])].sort();
  const assets: DriftRow[] = [];
  for (const symbol of symbols) {
    const t = targets[symbol] ?? 0;
    const q = holdings[symbol] ?? 0;
    const p = prices[symbol];
    // An unpriced holding counts as 0 weight; that understates drift, so the agent names it.
    const c = equity > 0 && p !== undefined && Number.isFinite(p) ? (q * p) / equity : 0;
    assets.push({ symbol, target_weight: t, current_weight: c, drift: c - t, trade_notional: equity > 0 ? (t - c) * equity : 0 });
  }
  const total = assets.reduce((a, r) => a + Math.abs(r.drift), 0) / 2;
  return { assets, total_drift: total, rebalance_needed: total > threshold, threshold };
}
