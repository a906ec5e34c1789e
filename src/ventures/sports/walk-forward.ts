/**
 * Walk-forward prediction: day by day, every match of the day is predicted from the matches of
 * earlier days only, and only then does the model learn that day's results. A prediction can
 * therefore not depend on any result on or after its own day.
 */
import type { Match, Probs, Sport } from './matches.js';
import { chronological, outcomeOf } from './matches.js';
import type { OnlineModel } from './model.js';
import { scoreAccumulator, type Scores } from './scoring.js';

export interface Prediction {
  readonly match: Match;
  readonly probs: Probs;
}

/**
 * The walk-forward, handing each prediction to `visit` as it is made. Scoring needs each only once,
 * so a fit that scores a hundred candidates keeps no list of predictions alive (the sports agents'
 * memory peak came from those lists).
 */
export function eachPrediction(matches: readonly Match[], model: OnlineModel, visit: (match: Match, probs: Probs) => void): void {
  const ordered = chronological(matches);
  for (let i = 0; i < ordered.length; ) {
    const date = (ordered[i] as Match).date;
    let j = i;
    while (j < ordered.length && (ordered[j] as Match).date === date) j++;
    for (let k = i; k < j; k++) visit(ordered[k] as Match, model.predict(ordered[k] as Match));
    for (let k = i; k < j; k++) model.observe(ordered[k] as Match);
    i = j;
  }
}

export function walkForward(matches: readonly Match[], model: OnlineModel): Prediction[] {
  const out: Prediction[] = [];
  eachPrediction(matches, model, (match, probs) => out.push({ match, probs }));
  return out;
}

/** Scores of the walk-forward's predictions of the played matches of season `fromSeason` and later. */
export function scoreWalkForward(sport: Sport, matches: readonly Match[], model: OnlineModel, fromSeason: number): Scores {
  const acc = scoreAccumulator(sport);
  eachPrediction(matches, model, (match, probs) => {
    const o = outcomeOf(match);
    if (o && match.season >= fromSeason) acc.add(probs, o);
  });
  return acc.result();
}
