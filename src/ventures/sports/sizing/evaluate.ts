/**
 * `sports sizing`, pure: tune the agent's model on the seasons before training, build betting
 * episodes (SIMULATED markets on the real calendar, episodes.ts), learn a sizing policy on the
 * training seasons only, then replay both the learned policy and fractional Kelly — same planner,
 * same caps, same risk scaler — on the later test seasons the learner never saw. The comparison is
 * the document `state/sports_models/sizing.json`; the agent adopts the policy only from it (adopt.ts).
 */
import type { DocOf } from '../../../contracts/contract.js';
import type { sportsSizing } from '../../../contracts/sports-sizing.js';
import { NeoLightError } from '../../../core/errors.js';
import { DixonColesModel } from '../dixon-coles.js';
import { EloModel } from '../elo.js';
import type { Match, Sport } from '../matches.js';
import { outcomeOf } from '../matches.js';
import type { OnlineModel } from '../model.js';
import { tuneDixonColes, tuneElo } from '../tune.js';
import { buildDays } from './episodes.js';
import { CEM_DEFAULTS, crossEntropy, type CemOptions } from './learn.js';
import { FEATURES, kellyParams } from './policy.js';
import { replay, type SizingLimits } from './replay.js';

export type SizingEvaluation = DocOf<typeof sportsSizing>;
export type Seasons = readonly [number, number];

/** Default split: tune the model before training, learn on six seasons, test on every later one. */
export const DEFAULT_TRAIN: Record<Sport, Seasons> = { nfl: [2000, 2009], football: [2013, 2018] };
/** Seasons before training that tune the model's parameters (the analytics agent uses six too). */
const TUNING_SEASONS = 6;
/** The stated margin: the learned policy must beat fractional Kelly's out-of-sample log growth by this much. */
export const DEFAULT_MARGIN = 0.02;

export interface SizingOptions {
  readonly sport: Sport;
  readonly seed: number;
  readonly train: Seasons;
  /** Default: the season after training through the last played one. */
  readonly test?: Seasons;
  readonly limits: SizingLimits;
  readonly margin: number;
  readonly cem?: Partial<Omit<CemOptions, 'seed'>>;
  readonly now: Date;
}

function checkSeasons(all: readonly Match[], train: Seasons, test: Seasons): void {
  const played = [...new Set(all.filter((m) => outcomeOf(m)).map((m) => m.season))].sort((a, b) => a - b);
  const first = played[0] as number;
  const last = played[played.length - 1] as number;
  if (!(train[0] > first && train[0] <= train[1])) throw new NeoLightError('NL_ERR_BAD_FLAG', `--train-seasons "${train.join('-')}" is not accepted: expected FROM-TO with ${first} < FROM <= TO (earlier seasons tune the model)`);
  if (!(test[0] > train[1] && test[0] <= test[1] && test[1] <= last)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--test-seasons "${test.join('-')}" is not accepted: expected FROM-TO after the training seasons (${train[1]}) and up to ${last}`);
}

function tunedModel(sport: Sport, all: readonly Match[], before: number): { model: OnlineModel; params: Record<string, number>; tunedOn: [number, number] | null } {
  const window = all.filter((m) => m.season >= before - TUNING_SEASONS);
  if (sport === 'football') {
    const t = tuneDixonColes(window, before);
    return { model: new DixonColesModel(t.params), params: { ...t.params }, tunedOn: t.seasons ? [t.seasons[0], t.seasons[1]] : null };
  }
  const t = tuneElo(sport, window, before);
  const { marginOfVictory, ...numeric } = t.params;
  return { model: new EloModel(sport, t.params), params: { ...numeric, margin_of_victory: marginOfVictory ? 1 : 0 }, tunedOn: t.seasons ? [t.seasons[0], t.seasons[1]] : null };
}

const usd = (cents: number) => cents / 100;

export function evaluateSizing(all: readonly Match[], o: SizingOptions, onProgress?: (done: number, total: number) => void): SizingEvaluation {
  const lastPlayed = Math.max(...all.filter((m) => outcomeOf(m)).map((m) => m.season));
  const test: Seasons = o.test ?? [o.train[1] + 1, lastPlayed];
  checkSeasons(all, o.train, test);
  const { model, params, tunedOn } = tunedModel(o.sport, all, o.train[0]);
  const days = buildDays(o.sport, all, model, o.seed, o.train[0], test[1]);
  const trainDays = days.filter((d) => d.season <= o.train[1]);
  const testDays = days.filter((d) => d.season >= test[0]);
  const cem: CemOptions = { ...CEM_DEFAULTS, ...o.cem, seed: o.seed };
  const learned = crossEntropy((theta) => replay(trainDays, o.limits, theta).log_growth, kellyParams(o.limits.kellyFraction), cem, onProgress);
  const kellyTest = replay(testDays, o.limits, null);
  const learnedTest = replay(testDays, o.limits, learned.params);
  const diff = learnedTest.log_growth - kellyTest.log_growth;
  const l = o.limits;
  return {
    updated_at: o.now.toISOString(),
    simulated: true,
    data: o.sport,
    seed: o.seed,
    train_seasons: [o.train[0], o.train[1]],
    test_seasons: [test[0], test[1]],
    model: { name: model.name, params, tuned_on: tunedOn },
    limits: { bankroll: usd(l.bankrollCents), per_bet_cap: usd(l.perBetCapCents), market_cap: usd(l.marketCapCents), day_cap: usd(l.dayCapCents), min_stake: usd(l.minStakeCents), min_edge: l.minEdge, kelly_fraction: l.kellyFraction, risk_scaler: l.riskScaler },
    learner: { method: 'cross-entropy method (diagonal Gaussian), return = Σ season log growth', iterations: cem.iterations, population: cem.population, elite: cem.elite, evaluations: learned.evaluations },
    policy: { features: [...FEATURES], params: learned.params },
    train: { kelly: replay(trainDays, o.limits, null), learned: replay(trainDays, o.limits, learned.params) },
    test: { kelly: kellyTest, learned: learnedTest },
    comparison: { log_growth_difference: diff, profit_difference: learnedTest.profit - kellyTest.profit, margin: o.margin, learned_beats_kelly: diff >= o.margin },
  };
}
