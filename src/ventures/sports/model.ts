/**
 * What every sports model is to the walk-forward: an online learner that gives probabilities for
 * a match from the matches it has observed so far, and learns from a played match afterwards. The
 * walk-forward alone decides the order, so a model can never see a result before predicting it.
 */
import type { Match, Probs } from './matches.js';

export interface OnlineModel {
  readonly name: string;
  predict(m: Match): Probs;
  observe(m: Match): void;
}

/** Three probabilities clamped away from 0 and renormalised, so log loss stays finite and honest. */
export function normalise(p: Probs, floor = 1e-6): Probs {
  const h = Math.max(p.home, floor);
  const d = p.draw;
  const a = Math.max(p.away, floor);
  const dd = d > 0 ? Math.max(d, floor) : 0;
  const s = h + dd + a;
  return { home: h / s, draw: dd / s, away: a / s };
}
