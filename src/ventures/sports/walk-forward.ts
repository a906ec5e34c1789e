/**
 * Walk-forward prediction: day by day, every match of the day is predicted from the matches of
 * earlier days only, and only then does the model learn that day's results. A prediction can
 * therefore not depend on any result on or after its own day.
 */
import type { Match, Probs } from './matches.js';
import { chronological } from './matches.js';
import type { OnlineModel } from './model.js';

export interface Prediction {
  readonly match: Match;
  readonly probs: Probs;
}

export function walkForward(matches: readonly Match[], model: OnlineModel): Prediction[] {
  const ordered = chronological(matches);
  const out: Prediction[] = [];
  for (let i = 0; i < ordered.length; ) {
    let j = i;
    while (j < ordered.length && (ordered[j] as Match).date === (ordered[i] as Match).date) j++;
    const day = ordered.slice(i, j);
    for (const m of day) out.push({ match: m, probs: model.predict(m) });
    for (const m of day) model.observe(m);
    i = j;
  }
  return out;
}
