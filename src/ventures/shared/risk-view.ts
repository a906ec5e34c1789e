/**
 * What a venture obeys (pure): the mesh's combined risk state (the risk governor and the drawdown
 * guard, failing closed on missing, stale or invalid documents) and the orchestrator's risk scaler.
 * Only ACTIVE allows new spending; REDUCING lets a venture sell and settle but not buy; HALTED stops
 * every purchase. A missing brain scales the per-item cap by `missingBrainScaler` (0.5) with the
 * reason BRAIN_MISSING, as the trader does.
 */
import type { CombinedRiskState } from '../../risk/risk-state.js';

export interface VentureRisk {
  readonly state: 'ACTIVE' | 'REDUCING' | 'HALTED';
  /** The orchestrator's risk scaler (0.4–1.2), or the missing-brain scaler. */
  readonly riskScaler: number;
  /** Reason codes restricting the venture now (risk codes, plus BRAIN_MISSING); empty when all clear. */
  readonly reasons: readonly string[];
}

export function ventureRiskView(combined: Pick<CombinedRiskState, 'tradingState' | 'reasons'>, brainScaler: number | undefined, missingBrainScaler: number): VentureRisk {
  const reasons: string[] = [...combined.reasons];
  if (brainScaler === undefined) reasons.push('BRAIN_MISSING');
  return { state: combined.tradingState, riskScaler: brainScaler ?? missingBrainScaler, reasons };
}
