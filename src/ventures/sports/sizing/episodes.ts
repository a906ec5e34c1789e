/**
 * Betting episodes on the real calendar (SIMULATED markets and results): every played match of the
 * chosen seasons becomes a market of the odds simulator (odds-simulator.ts). Its truth is the
 * simulator's own — the Elo expectation (the simulator's parameters) of the two teams' ratings
 * before the match, from the matches of earlier days only, plus the simulator's unseen 60-point
 * match-day shock; the books price that truth with their noise and margin as they do 72 hours
 * before kick-off (when the agent first sees a market); the result is drawn from the truth. The
 * agent's model gives its walk-forward probabilities (fit on earlier days only, parameters tuned on
 * earlier seasons by the caller). Real results only move the ratings, after the day is predicted,
 * so nothing in an episode can see its own future.
 */
import type { BettingMarket, Selection } from '../../../core/betting.js';
import { normal, seedKey, streamKey } from '../../../market/rng.js';
import { EloModel, ELO_DEFAULTS, threeWay, winExpectancy } from '../elo.js';
import type { Match, Probs, Sport } from '../matches.js';
import { chronological, outcomeOf } from '../matches.js';
import type { OnlineModel } from '../model.js';
import { bookPrices, hash32, MARKET_OPEN_MS, RESULT_AFTER_MS, simResult, SIM_BOOKS, type SimFixture } from '../odds-simulator.js';
import type { SizingDay } from './replay.js';

const SELECTIONS: readonly Selection[] = ['home', 'draw', 'away'];

/** The simulator's truth for a match whose teams are rated by `truthElo` (which has just predicted it). */
function truthOf(sport: Sport, m: Match, truthElo: EloModel, eloProbs: Probs, shock: number): Probs {
  const p = ELO_DEFAULTS[sport];
  const d = (truthElo.rating(m.league, m.home) as number) + (m.neutral ? 0 : p.homeAdvantage) - (truthElo.rating(m.league, m.away) as number) + shock;
  if (sport === 'football') return threeWay(d, p.drawMargin);
  // NFL: the tie rate the Elo model has seen, the rest split by the shocked expectation.
  const e = winExpectancy(d);
  return { home: (1 - eloProbs.draw) * e, draw: eloProbs.draw, away: (1 - eloProbs.draw) * (1 - e) };
}

/**
 * The days of seasons `from`–`to` (inclusive) as betting episodes; `model` is walked forward over
 * every match (earlier seasons warm it up) and must be fresh.
 */
export function buildDays(sport: Sport, all: readonly Match[], model: OnlineModel, seed: number, from: number, to: number): SizingDay[] {
  const matches = chronological(all).filter((m) => outcomeOf(m) && m.season <= to);
  const truthElo = new EloModel(sport, ELO_DEFAULTS[sport]);
  const key = seedKey(seed);
  const out: SizingDay[] = [];
  for (let i = 0; i < matches.length; ) {
    let j = i;
    while (j < matches.length && (matches[j] as Match).date === (matches[i] as Match).date) j++;
    const day = matches.slice(i, j);
    const markets: BettingMarket[] = [];
    const predictions = new Map<string, Probs>();
    const results = new Map<string, Selection>();
    for (const m of day) {
      const probs = model.predict(m);
      const eloProbs = truthElo.predict(m);
      if (m.season < from) continue;
      const marketId = `hist:${m.id}`;
      const shock = 60 * normal(streamKey(key, hash32(`truth:${marketId}`)), 0);
      const kickoffMs = Date.parse(m.kickoff);
      const f: SimFixture = { marketId, league: m.league, home: m.home, away: m.away, kickoffMs, truth: truthOf(sport, m, truthElo, eloProbs, shock) };
      markets.push({ marketId, matchId: marketId, sport, league: m.league, home: m.home, away: m.away, kickoff: m.kickoff, status: 'OPEN', inPlay: false, selections: SELECTIONS, prices: SIM_BOOKS.flatMap((b) => bookPrices(seed, f, b, kickoffMs - MARKET_OPEN_MS)) });
      predictions.set(marketId, probs);
      results.set(marketId, simResult(seed, f, kickoffMs + RESULT_AFTER_MS) as Selection);
    }
    for (const m of day) {
      model.observe(m);
      truthElo.observe(m);
    }
    if (markets.length) out.push({ date: (day[0] as Match).date, season: (day[0] as Match).season, markets, predictions, results });
    i = j;
  }
  return out;
}
