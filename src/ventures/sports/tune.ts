/**
 * Tuning of the sports models on earlier seasons only: a grid over K, home advantage and the
 * between-season regression ("decay") of Elo (plus the draw band for football), and over the time
 * decay ξ of Dixon–Coles, each candidate scored by the log loss of its own walk-forward predictions
 * of the tuning seasons after the first (which only warms the ratings up). The neural tuner's
 * walk-forward (src/intelligence/tuner) tunes trading strategies through the backtest engine; this
 * is the same discipline — choose in sample, report out of sample — on match data.
 */
import { DixonColesModel, DIXON_COLES_DEFAULTS, type DixonColesParams } from './dixon-coles.js';
import { EloModel, ELO_DEFAULTS, type EloParams } from './elo.js';
import type { Match, Sport } from './matches.js';
import { outcomeOf } from './matches.js';
import type { OnlineModel } from './model.js';
import { scoreWalkForward } from './walk-forward.js';

export interface Tuned<P> {
  readonly params: P;
  /** Seasons the choice was made on (first and last), or null when there were too few (defaults kept). */
  readonly seasons: readonly [number, number] | null;
  readonly candidates: number;
  readonly log_loss: number | null;
}

export function eloGrid(sport: Sport): EloParams[] {
  const base = ELO_DEFAULTS[sport];
  const out: EloParams[] = [];
  const has = sport === 'nfl' ? [35, 50, 65, 80] : [50, 70, 90];
  const draws = sport === 'nfl' ? [0] : [90, 110];
  for (const k of [10, 15, 20, 25, 30]) for (const homeAdvantage of has) for (const revert of [0.2, 1 / 3, 0.5]) for (const drawMargin of draws) out.push({ ...base, k, homeAdvantage, revert, drawMargin });
  return out;
}

export const DIXON_COLES_GRID: readonly number[] = [0.001, 0.0019, 0.003];

function outOfSampleLogLoss(sport: Sport, matches: readonly Match[], model: OnlineModel, scoreFrom: number): number {
  return scoreWalkForward(sport, matches, model, scoreFrom).log_loss;
}

function best<P>(sport: Sport, earlier: readonly Match[], grid: readonly P[], make: (p: P) => OnlineModel, fallback: P): Tuned<P> {
  const seasons = [...new Set(earlier.filter((m) => outcomeOf(m)).map((m) => m.season))].sort((a, b) => a - b);
  if (seasons.length < 2) return { params: fallback, seasons: null, candidates: grid.length, log_loss: null };
  const from = seasons[1] as number;
  let chosen = fallback;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const p of grid) {
    const loss = outOfSampleLogLoss(sport, earlier, make(p), from);
    if (loss < bestLoss) {
      bestLoss = loss;
      chosen = p;
    }
  }
  return { params: chosen, seasons: [from, seasons[seasons.length - 1] as number], candidates: grid.length, log_loss: bestLoss };
}

/** Tunes Elo on the matches before `beforeSeason` only (the caller's scored seasons never enter). */
export function tuneElo(sport: Sport, matches: readonly Match[], beforeSeason: number): Tuned<EloParams> {
  return best(sport, matches.filter((m) => m.season < beforeSeason), eloGrid(sport), (p) => new EloModel(sport, p), ELO_DEFAULTS[sport]);
}

export function tuneDixonColes(matches: readonly Match[], beforeSeason: number): Tuned<DixonColesParams> {
  const grid = DIXON_COLES_GRID.map((xi) => ({ ...DIXON_COLES_DEFAULTS, xi }));
  return best('football', matches.filter((m) => m.season < beforeSeason), grid, (p) => new DixonColesModel(p), DIXON_COLES_DEFAULTS);
}
