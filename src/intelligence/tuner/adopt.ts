/**
 * Whether the scheduled tuner adopts a new parameter set (pure): only when the walk-forward
 * procedure beat the parameters in force out of sample by at least `margin` (Sharpe units) on the
 * same windows. With nothing in force, the first candidate is adopted only if its own
 * out-of-sample score is positive. A candidate equal to the parameters in force is "kept".
 */
import type { TunedParams } from '../../core/tuning.js';

export type Adoption = { decision: 'adopted' | 'rejected' | 'kept'; reason: string };

const same = (a: TunedParams, b: TunedParams): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function adoptionDecision(current: TunedParams | undefined, currentOos: number | null, candidate: TunedParams, candidateOos: number, margin: number): Adoption {
  if (current && same(current, candidate)) return { decision: 'kept', reason: 'the walk-forward chose the parameters already in force' };
  if (!current || currentOos === null) {
    return candidateOos > 0
      ? { decision: 'adopted', reason: `no parameters in force; out-of-sample Sharpe ${candidateOos.toFixed(3)} > 0` }
      : { decision: 'rejected', reason: `no parameters in force, and the out-of-sample Sharpe ${candidateOos.toFixed(3)} is not positive` };
  }
  const gain = candidateOos - currentOos;
  return gain >= margin
    ? { decision: 'adopted', reason: `out-of-sample Sharpe ${candidateOos.toFixed(3)} beats ${currentOos.toFixed(3)} by ${gain.toFixed(3)} ≥ margin ${margin}` }
    : { decision: 'rejected', reason: `out-of-sample Sharpe ${candidateOos.toFixed(3)} vs ${currentOos.toFixed(3)} in force: gain ${gain.toFixed(3)} < margin ${margin}` };
}
