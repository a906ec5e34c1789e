/**
 * Cross-asset weighting rules of the Strategy Lab, pure functions of daily closes:
 * - inverse volatility (naive risk parity): w_i ∝ 1 / σ_i, σ_i the standard deviation (ddof=1)
 *   of the last `lookback` daily returns;
 * - time-series momentum filter: an asset whose `lookback` return is ≤ 0 gets weight 0 (it stays
 *   out of the allocation), the classic trend rule of Moskowitz, Ooi and Pedersen (2012).
 * The weights bridge then projects these raw weights onto the 2 %–35 % caps.
 */
import { mean, simpleReturns, std } from '../../research/stats.js';

/** Raw weights summing to 1 (or empty when nothing qualifies). */
export type TrendFilter = (closes: readonly number[]) => boolean;

/** The default trend rule: up over the lookback window. */
export const lookbackMomentum =
  (lookback: number): TrendFilter =>
  (closes) =>
    closes.length > lookback && closes[closes.length - 1]! > closes[closes.length - 1 - lookback]!;

/** A tuned SMA crossover as the trend rule: fast SMA above slow SMA. */
export const smaTrend =
  (fast: number, slow: number): TrendFilter =>
  (closes) => {
    if (closes.length < slow) return false;
    return mean(closes.slice(-fast)) > mean(closes.slice(-slow));
  };

export function inverseVolatilityWeights(closesBySymbol: Readonly<Record<string, readonly number[]>>, lookback: number, filter: TrendFilter | null): Record<string, number> {
  const inv: Record<string, number> = {};
  for (const [s, closes] of Object.entries(closesBySymbol)) {
    const window = closes.slice(-(lookback + 1));
    if (window.length < Math.min(lookback + 1, 20)) continue;
    const sd = std(simpleReturns(window));
    if (!(sd > 0)) continue;
    if (filter && !filter(closes)) continue;
    inv[s] = 1 / sd;
  }
  const total = Object.values(inv).reduce((a, b) => a + b, 0);
  return total > 0 ? Object.fromEntries(Object.entries(inv).map(([s, v]) => [s, v / total])) : {};
}
