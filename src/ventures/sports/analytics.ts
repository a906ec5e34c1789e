/**
 * What the analytics agent computes from the real data (pure given the matches): the models tuned
 * on the six seasons before the last two played ones, walked forward over the whole history, their
 * validation on those last two seasons (out of sample) against the home-always baseline, and the
 * fitted models ready to predict the next fixtures.
 */
import { HomeAlwaysBaseline } from './baselines.js';
import { TARGET_ACCURACY, tuneModels, type SportsModels } from './evaluate.js';
import { DixonColesModel } from './dixon-coles.js';
import { EloModel } from './elo.js';
import type { Match, Sport } from './matches.js';
import { outcomeOf } from './matches.js';
import type { OnlineModel } from './model.js';
import type { Scores } from './scoring.js';
import { eachPrediction, scoreWalkForward } from './walk-forward.js';

export const TUNING_SEASONS = 6;

export interface Fitted {
  readonly sport: Sport;
  readonly primary: OnlineModel;
  readonly elo: EloModel;
  readonly dixonColes?: DixonColesModel;
  readonly tuned: SportsModels;
  readonly validation: Scores & { readonly from_season: number; readonly to_season: number; readonly baseline_accuracy: number; readonly target_accuracy: number };
  readonly fittedThrough: string;
}

export function fitSport(sport: Sport, matches: readonly Match[]): Fitted {
  const played = matches.filter((m) => outcomeOf(m));
  const last = Math.max(...played.map((m) => m.season));
  const from = last - 1;
  // The agent tunes on the six seasons before validation (evaluate tunes on all earlier ones): the
  // grid then costs about a second, and older seasons say little about today's scoring.
  const tuned = tuneModels(sport, matches.filter((m) => m.season >= from - TUNING_SEASONS), from);
  const elo = new EloModel(sport, tuned.elo);
  const dixonColes = sport === 'football' ? new DixonColesModel(tuned.dixonColes) : undefined;
  const primary: OnlineModel = dixonColes ?? elo;
  const scoreOf = (model: OnlineModel) => scoreWalkForward(sport, played, model, from);
  const validation = scoreOf(primary);
  if (dixonColes) eachPrediction(played, elo, () => undefined);
  const baseline = scoreOf(new HomeAlwaysBaseline());
  return {
    sport,
    primary,
    elo,
    ...(dixonColes ? { dixonColes } : {}),
    tuned,
    validation: { ...validation, from_season: from, to_season: last, baseline_accuracy: baseline.accuracy, target_accuracy: TARGET_ACCURACY },
    fittedThrough: played[played.length - 1]?.date ?? '',
  };
}
