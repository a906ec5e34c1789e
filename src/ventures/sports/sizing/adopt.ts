/**
 * The adoption rule (pure): the betting agent sizes with the learned policy only when it is asked
 * to (`sizing: learned-if-better`) and the saved evaluation shows the policy beat fractional Kelly
 * out of sample by the configured margin, against the same baseline the agent would otherwise use
 * (its Kelly fraction and edge threshold) on the simulator's sport. Anything else — no evaluation,
 * one for other settings, a malformed policy, a lead under the margin — means fractional Kelly,
 * with the reason.
 */
import type { SizingEvaluation } from './evaluate.js';
import { FEATURES } from './policy.js';

export type SizingReason = 'SIZING_KELLY_CONFIGURED' | 'SIZING_NO_EVALUATION' | 'SIZING_EVALUATION_MISMATCH' | 'SIZING_EVALUATION_INVALID' | 'SIZING_NOT_BETTER' | 'SIZING_LEARNED';

export interface SizingChoice {
  readonly policy: 'kelly' | 'learned';
  readonly params?: readonly number[];
  readonly reason: SizingReason;
  readonly detail: string;
}

export interface AdoptionInput {
  readonly sizing: 'kelly' | 'learned-if-better';
  readonly margin: number;
  readonly kellyFraction: number;
  readonly minEdge: number;
  /** The sport the agent's venue bets on. */
  readonly sport: 'football' | 'nfl';
  readonly evaluation: SizingEvaluation | undefined;
}

const kelly = (reason: SizingReason, detail: string): SizingChoice => ({ policy: 'kelly', reason, detail: `fractional Kelly: ${detail}` });

export function chooseSizing(a: AdoptionInput): SizingChoice {
  if (a.sizing === 'kelly') return kelly('SIZING_KELLY_CONFIGURED', 'sizing is kelly in the config');
  const e = a.evaluation;
  if (!e) return kelly('SIZING_NO_EVALUATION', 'no saved evaluation state/sports_models/sizing.json (run neolight sports sizing)');
  if (e.data !== a.sport || e.limits.kelly_fraction !== a.kellyFraction || e.limits.min_edge !== a.minEdge) {
    return kelly('SIZING_EVALUATION_MISMATCH', `the evaluation compared on ${e.data} with kelly_fraction ${e.limits.kelly_fraction} and min_edge ${e.limits.min_edge}; the agent bets ${a.sport} with ${a.kellyFraction} and ${a.minEdge}`);
  }
  if (e.policy.params.length !== FEATURES.length || !e.policy.params.every(Number.isFinite)) return kelly('SIZING_EVALUATION_INVALID', `the saved policy has ${e.policy.params.length} parameters, expected ${FEATURES.length} finite numbers`);
  const lead = e.test.learned.log_growth - e.test.kelly.log_growth;
  const seen = `seasons ${e.test_seasons.join('–')}, seed ${e.seed}: log growth ${e.test.learned.log_growth.toFixed(4)} learned vs ${e.test.kelly.log_growth.toFixed(4)} Kelly (SIMULATED)`;
  if (!(lead >= a.margin)) return kelly('SIZING_NOT_BETTER', `the learned policy did not beat it out of sample by the margin ${a.margin} (${seen})`);
  return { policy: 'learned', params: e.policy.params, reason: 'SIZING_LEARNED', detail: `learned policy: it beat fractional Kelly out of sample by ${lead.toFixed(4)} >= ${a.margin} (${seen})` };
}
