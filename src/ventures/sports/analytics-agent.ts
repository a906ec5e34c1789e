/**
 * The sports analytics agent (the specification's agent 12), a research agent that earns nothing
 * and so has no ledger: at start it fits the football and NFL models on the real data shipped in
 * data/sports/ (tuned on earlier seasons only, validated out of sample on the last two played
 * seasons) and writes them under `state/sports_models/`; every cycle it predicts the fixtures of the
 * betting venue's open markets with the football model and writes `state/sports_predictions.json`,
 * validation and the specification's ~70 % accuracy target side by side. Teams the model has never
 * seen play in that league are not predicted (an unknown team is not an average team).
 */
import { requirePort, type AgentDefinition } from '../../core/agent.js';
import { MS } from '../../core/clock.js';
import { sportsModelFootball, sportsModelNfl, sportsPredictions } from '../../contracts/ventures.js';
import { fitSport, type Fitted } from './analytics.js';
import { loadMatches } from './data.js';
import type { Match, Sport } from './matches.js';

export const SPORTS_ANALYTICS = 'sports_analytics';

/** The shipped data never changes while a process runs, so a restarted agent instance refits nothing. */
const cache = new Map<Sport, Fitted>();
function fitted(sport: Sport): Fitted {
  let f = cache.get(sport);
  if (!f) cache.set(sport, (f = fitSport(sport, loadMatches(sport))));
  return f;
}

function modelDoc(f: Fitted, now: string) {
  const tuning = Object.fromEntries(Object.entries(f.tuned.tuning).map(([k, t]) => [k, { params: { ...t.params }, seasons: t.seasons ? ([t.seasons[0], t.seasons[1]] as [number, number]) : null, candidates: t.candidates, log_loss: t.log_loss }]));
  return { updated_at: now, sport: f.sport, data: f.sport === 'nfl' ? 'data/sports/nfl_games.csv.gz' : 'data/sports/football_matches.csv.gz', fitted_through: f.fittedThrough, tuning, elo_ratings: f.elo.table() };
}

export const sportsAnalyticsAgent: AgentDefinition = {
  name: SPORTS_ANALYTICS,
  description: 'fits Elo and Dixon-Coles on real NFL and football results (walk-forward, tuned on earlier seasons), publishes match probabilities with measured accuracy beside the ~70 % target',
  intervalMs: () => MS.hour,
  consumes: [],
  produces: [sportsPredictions, sportsModelFootball, sportsModelNfl],
  needs: ['betting'],
  create(ctx) {
    const ex = requirePort(ctx, 'betting');
    const now = new Date(ctx.clock.now()).toISOString();
    const football = fitted('football');
    const nfl = fitted('nfl');
    ctx.store.write(sportsModelFootball, modelDoc(football, now));
    ctx.store.write(sportsModelNfl, modelDoc(nfl, now));
    const v = football.validation;
    ctx.log.info({ accuracy: v.accuracy, brier: v.brier, log_loss: v.log_loss, n: v.n, target: v.target_accuracy }, 'sports models fitted on real data');
    const dc = football.dixonColes;
    return {
      async tick(nowMs) {
        const markets = await ex.listMarkets(nowMs);
        const predictions = markets.flatMap((m) => {
          if (m.sport !== 'football' || !dc || !dc.knows(m.league, m.home) || !dc.knows(m.league, m.away)) return [];
          const match: Match = { id: m.matchId, sport: 'football', league: m.league, season: 0, round: '', date: m.kickoff.slice(0, 10), kickoff: m.kickoff, home: m.home, away: m.away, neutral: false, homeScore: null, awayScore: null };
          const p = football.primary.predict(match);
          return [{ match_id: m.matchId, sport: 'football', league: m.league, home: m.home, away: m.away, kickoff: m.kickoff, p_home: p.home, p_draw: p.draw, p_away: p.away }];
        });
        ctx.store.write(sportsPredictions, {
          updated_at: new Date(nowMs).toISOString(),
          model: football.primary.name,
          validation: {
            accuracy: v.accuracy,
            log_loss: v.log_loss,
            matches: v.n,
            target_accuracy: v.target_accuracy,
            brier: v.brier,
            baseline_accuracy: v.baseline_accuracy,
            seasons: `${v.from_season}–${v.to_season}`,
            calibration: v.calibration,
          },
          simulated: ex.simulated,
          predictions,
        });
      },
    };
  },
};
