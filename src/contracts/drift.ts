/**
 * The defining formulas of `state/allocator_drift.json` (contracts/risk.ts), pure, so the
 * allocator that writes the document, the SmartTrader and backtester that trade on it and the
 * dashboard that shows it all mean the same number: for every asset in the targets or the
 * holdings, current weight c_i = q_i·p_i / E, drift d_i = c_i − t_i, trade notional (t_i − c_i)·E
 * (positive buys); total drift = (Σ|d_i| + |Σd_i|) / 2, the fraction of equity that must change
 * hands counting cash as the balancing asset; rebalance when total drift > threshold (default 5 %).
 */

export const DEFAULT_REBALANCE_THRESHOLD = 0.05;

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

/** Current weight of a holding; an unpriced one counts as 0 (understating drift, so callers name it). */
function weightOf(q: number, p: number | undefined, equity: number): number {
  return equity > 0 && p !== undefined && Number.isFinite(p) ? (q * p) / equity : 0;
}

/** (Σ|d_i| + |Σd_i|) / 2 without building the report: the SmartTrader's and the backtester's hot path. */
export function totalDrift(
  targets: Readonly<Record<string, number>>,
  holdings: Readonly<Record<string, number>>,
  prices: Readonly<Record<string, number>>,
  equity: number,
): number {
  let abs = 0;
  let net = 0;
  for (const s in targets) {
    const d = weightOf(holdings[s] ?? 0, prices[s], equity) - targets[s]!;
    abs += Math.abs(d);
    net += d;
  }
  for (const s in holdings) {
    if (s in targets || !holdings[s]) continue;
    const d = weightOf(holdings[s], prices[s], equity);
    abs += Math.abs(d);
    net += d;
  }
  return (abs + Math.abs(net)) / 2;
}

export function driftReport(
  targets: Readonly<Record<string, number>>,
  holdings: Readonly<Record<string, number>>,
  prices: Readonly<Record<string, number>>,
  equity: number,
  threshold = DEFAULT_REBALANCE_THRESHOLD,
): DriftReport {
  const symbols = [...new Set([...Object.keys(targets), ...Object.keys(holdings).filter((s) => (holdings[s] ?? 0) !== 0)])].sort();
  const assets: DriftRow[] = [];
  for (const symbol of symbols) {
    const t = targets[symbol] ?? 0;
    const c = weightOf(holdings[symbol] ?? 0, prices[symbol], equity);
    assets.push({ symbol, target_weight: t, current_weight: c, drift: c - t, trade_notional: equity > 0 ? (t - c) * equity : 0 });
  }
  const total = totalDrift(targets, holdings, prices, equity);
  return { assets, total_drift: total, rebalance_needed: total > threshold, threshold };
}
