/**
 * The simulated sports world (SIMULATED everywhere it is shown): a fixture calendar, true outcome
 * probabilities, several books' prices and results, each a pure function of (seed, time), so every
 * process sees the same markets and a run repeats from its seed (src/market/rng.ts).
 *
 * - Fixtures: every day at 15:00 UTC one league (in turn) plays; its real teams of the latest season
 *   are paired by a seeded permutation of the day.
 * - Truth: the Elo expectation of the teams' real end-of-data ratings, plus a match-day shock of
 *   60 Elo points (form, injuries) that no model sees, split three ways by a draw band.
 * - Books: truth tilted by a per-(match, book, outcome) error on the log scale whose size shrinks
 *   from `openNoise` three days out to `closeNoise` at kick-off (so the closing line is the sharpest
 *   price), then the book's margin; the exchange has a small margin and takes commission instead.
 * - Results: drawn from the truth two hours after kick-off.
 */
import type { BookPrice, Selection } from '../../core/betting.js';
import { mix32, normal, seedKey, streamKey, uniform } from '../../market/rng.js';
import { EloModel, ELO_DEFAULTS, threeWay } from './elo.js';
import type { Match, Probs } from './matches.js';

export interface SimBook {
  readonly book: string;
  readonly margin: number;
  readonly commission: number;
  readonly openNoise: number;
  readonly closeNoise: number;
}

export const SIM_BOOKS: readonly SimBook[] = [
  { book: 'exchange_sim', margin: 0.01, commission: 0.05, openNoise: 0.2, closeNoise: 0.05 },
  { book: 'book_a_sim', margin: 0.035, commission: 0, openNoise: 0.22, closeNoise: 0.07 },
  { book: 'book_b_sim', margin: 0.05, commission: 0, openNoise: 0.28, closeNoise: 0.08 },
  { book: 'book_c_sim', margin: 0.065, commission: 0, openNoise: 0.32, closeNoise: 0.1 },
];

export interface SimWorld {
  readonly leagues: readonly { readonly league: string; readonly teams: readonly { readonly name: string; readonly rating: number }[] }[];
  readonly homeAdvantage: number;
  readonly drawMargin: number;
}

export interface SimFixture {
  readonly marketId: string;
  readonly league: string;
  readonly home: string;
  readonly away: string;
  readonly kickoffMs: number;
  readonly truth: Probs;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const MARKET_OPEN_MS = 3 * DAY;
export const RESULT_AFTER_MS = 2 * HOUR;
const SELECTIONS: readonly Selection[] = ['home', 'draw', 'away'];

/** FNV-1a of a string, mixed: a 32-bit stream id for a match or book name. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

/** The world from the real data: each league's teams of its latest season with their Elo ratings at the end of the data. */
export function simWorldFromMatches(matches: readonly Match[]): SimWorld {
  const elo = new EloModel('football', ELO_DEFAULTS.football);
  for (const m of matches) {
    elo.predict(m);
    elo.observe(m);
  }
  const leagues = [...new Set(matches.map((m) => m.league))].sort().map((league) => {
    const ms = matches.filter((m) => m.league === league);
    const latest = Math.max(...ms.map((m) => m.season));
    const names = [...new Set(ms.filter((m) => m.season === latest).flatMap((m) => [m.home, m.away]))].sort();
    return { league, teams: names.map((name) => ({ name, rating: elo.rating(league, name) ?? 1500 })) };
  });
  return { leagues, homeAdvantage: ELO_DEFAULTS.football.homeAdvantage, drawMargin: ELO_DEFAULTS.football.drawMargin };
}

/** The fixtures of day index `day` (days since 1970-01-01, UTC). */
export function fixturesOfDay(world: SimWorld, seed: number, day: number): SimFixture[] {
  if (world.leagues.length === 0) return [];
  const lg = world.leagues[((day % world.leagues.length) + world.leagues.length) % world.leagues.length] as SimWorld['leagues'][number];
  const key = seedKey(seed);
  const sk = streamKey(key, hash32(`fixtures:${lg.league}:${day}`));
  const order = lg.teams.map((t, i) => ({ t, u: uniform(sk, i) })).sort((a, b) => a.u - b.u).map((x) => x.t);
  const out: SimFixture[] = [];
  for (let i = 0; i + 1 < order.length; i += 2) {
    const home = order[i] as (typeof order)[number];
    const away = order[i + 1] as (typeof order)[number];
    const marketId = `sim:${lg.league}:${day}:${i / 2}`;
    const shock = 60 * normal(streamKey(key, hash32(`truth:${marketId}`)), 0);
    out.push({ marketId, league: lg.league, home: home.name, away: away.name, kickoffMs: day * DAY + 15 * HOUR, truth: threeWay(home.rating + world.homeAdvantage - away.rating + shock, world.drawMargin) });
  }
  return out;
}

export function fixtureById(world: SimWorld, seed: number, marketId: string): SimFixture | undefined {
  const day = Number(marketId.split(':')[2]);
  if (!Number.isInteger(day)) return undefined;
  return fixturesOfDay(world, seed, day).find((f) => f.marketId === marketId);
}

/** Fixtures whose markets are open at `nowMs`: kick-off within the next three days. */
export function openFixtures(world: SimWorld, seed: number, nowMs: number): SimFixture[] {
  const first = Math.floor(nowMs / DAY);
  const out: SimFixture[] = [];
  for (let d = first; d <= first + 3; d++) for (const f of fixturesOfDay(world, seed, d)) if (f.kickoffMs > nowMs && f.kickoffMs - nowMs <= MARKET_OPEN_MS) out.push(f);
  return out;
}

/** One book's back prices for a fixture at `nowMs` (after kick-off: the closing prices). */
export function bookPrices(seed: number, f: SimFixture, b: SimBook, nowMs: number): BookPrice[] {
  const sk = streamKey(seedKey(seed), hash32(`book:${b.book}:${f.marketId}`));
  const hoursOut = Math.max(0, (f.kickoffMs - nowMs) / HOUR);
  const sigma = b.closeNoise + (b.openNoise - b.closeNoise) * Math.min(1, hoursOut / 72);
  const tilted = SELECTIONS.map((s, k) => f.truth[s] * Math.exp(sigma * normal(sk, k)));
  const sum = tilted.reduce((a, x) => a + x, 0);
  return SELECTIONS.map((selection, k) => ({
    book: b.book,
    selection,
    decimalOdds: Math.max(1.01, Math.floor((100 * sum) / ((tilted[k] as number) * (1 + b.margin))) / 100),
    commission: b.commission,
  }));
}

/** The result, drawn from the truth; null before it is known. */
export function simResult(seed: number, f: SimFixture, nowMs: number): Selection | null {
  if (nowMs < f.kickoffMs + RESULT_AFTER_MS) return null;
  const u = uniform(streamKey(seedKey(seed), hash32(`result:${f.marketId}`)), 0);
  return u < f.truth.home ? 'home' : u < f.truth.home + f.truth.draw ? 'draw' : 'away';
}
