/**
 * Elo ratings with home advantage, a margin-of-victory multiplier and regression to the mean
 * between seasons. Win expectancy E = 1 / (1 + 10^(−(R_home + H − R_away) / 400)); after the match
 * R_home += K · M · (S − E) and R_away loses the same. M is FiveThirtyEight's NFL multiplier
 * ln(|margin| + 1) · 2.2 / (0.001 · winner's rating edge + 2.2) (ties: ln 2 · 2.2), and for football
 * eloratings.net's goal-difference index (1 for one goal, 1.5 for two, (11 + g) / 8 beyond).
 * Three-way probabilities: football by a draw margin δ (Elo points) around the rating difference
 * (an ordered logit); the NFL, where ties are rare, by the tie rate of the games seen so far.
 */
import type { Match, Probs, Sport } from './matches.js';
import { normalise, type OnlineModel } from './model.js';

export interface EloParams {
  readonly k: number;
  readonly homeAdvantage: number;
  /** Fraction of the distance to 1500 removed at each new season (the "decay"). */
  readonly revert: number;
  readonly marginOfVictory: boolean;
  /** Football: half-width of the draw band in Elo points. */
  readonly drawMargin: number;
  /** Rating of a team first seen after the league's first season, relative to 1500 (promoted or expansion teams are weaker). */
  readonly newTeamOffset: number;
}

export const ELO_DEFAULTS: Record<Sport, EloParams> = {
  nfl: { k: 20, homeAdvantage: 65, revert: 1 / 3, marginOfVictory: true, drawMargin: 0, newTeamOffset: -200 },
  football: { k: 20, homeAdvantage: 70, revert: 0.2, marginOfVictory: true, drawMargin: 95, newTeamOffset: -100 },
};

const MEAN = 1500;

export function winExpectancy(ratingDiff: number): number {
  return 1 / (1 + 10 ** (-ratingDiff / 400));
}

/** The margin-of-victory multiplier; `winnerEdge` is the winner's rating edge including home advantage. */
export function movMultiplier(sport: Sport, margin: number, winnerEdge: number): number {
  const g = Math.abs(margin);
  if (sport === 'nfl') return g === 0 ? Math.log(2) * 2.2 : (Math.log(g + 1) * 2.2) / (winnerEdge * 0.001 + 2.2);
  if (g <= 1) return 1;
  if (g === 2) return 1.5;
  return (11 + g) / 8;
}

/** The ordered-logit three-way split of a rating difference d with draw band δ (Elo points). */
export function threeWay(d: number, drawMargin: number): Probs {
  const home = winExpectancy(d - drawMargin);
  const away = winExpectancy(-d - drawMargin);
  return { home, draw: Math.max(0, 1 - home - away), away };
}

export class EloModel implements OnlineModel {
  readonly name = 'elo';
  /** League → team → rating. */
  private readonly ratings = new Map<string, Map<string, number>>();
  private readonly seasonOf = new Map<string, number>();
  private readonly firstSeason = new Map<string, number>();
  private games = 0;
  private ties = 0;

  constructor(
    private readonly sport: Sport,
    private readonly p: EloParams,
  ) {}

  rating(league: string, team: string): number | undefined {
    return this.ratings.get(league)?.get(team);
  }

  /** Every rating: league → team → rating. */
  table(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.ratings].map(([league, t]) => [league, Object.fromEntries(t)]));
  }

  predict(m: Match): Probs {
    this.enterSeason(m);
    const d = this.get(m, m.home) + (m.neutral ? 0 : this.p.homeAdvantage) - this.get(m, m.away);
    if (this.sport === 'football') return normalise(threeWay(d, this.p.drawMargin));
    // Ties: the rate seen so far with one pseudo-tie in 200 games as prior (about the modern rate).
    const tie = (this.ties + 1) / (this.games + 200);
    const e = winExpectancy(d);
    return normalise({ home: (1 - tie) * e, draw: tie, away: (1 - tie) * (1 - e) });
  }

  observe(m: Match): void {
    if (m.homeScore === null || m.awayScore === null) return;
    this.enterSeason(m);
    const rh = this.get(m, m.home);
    const ra = this.get(m, m.away);
    const d = rh + (m.neutral ? 0 : this.p.homeAdvantage) - ra;
    const e = winExpectancy(d);
    const margin = m.homeScore - m.awayScore;
    const s = margin > 0 ? 1 : margin < 0 ? 0 : 0.5;
    const mult = this.p.marginOfVictory ? movMultiplier(this.sport, margin, margin >= 0 ? d : -d) : 1;
    const delta = this.p.k * mult * (s - e);
    const table = this.tableOf(m.league);
    table.set(m.home, rh + delta);
    table.set(m.away, ra - delta);
    this.games++;
    if (margin === 0) this.ties++;
  }

  private tableOf(league: string): Map<string, number> {
    let t = this.ratings.get(league);
    if (!t) this.ratings.set(league, (t = new Map()));
    return t;
  }

  private get(m: Match, team: string): number {
    const table = this.tableOf(m.league);
    const r = table.get(team);
    if (r !== undefined) return r;
    const first = this.firstSeason.get(m.league) ?? m.season;
    const start = m.season > first ? MEAN + this.p.newTeamOffset : MEAN;
    table.set(team, start);
    return start;
  }

  /** At a league's new season every rating moves `revert` of the way back to 1500. */
  private enterSeason(m: Match): void {
    if (!this.firstSeason.has(m.league)) this.firstSeason.set(m.league, m.season);
    const last = this.seasonOf.get(m.league);
    if (last === undefined || m.season <= last) {
      if (last === undefined) this.seasonOf.set(m.league, m.season);
      return;
    }
    this.seasonOf.set(m.league, m.season);
    const table = this.tableOf(m.league);
    for (const [k, r] of table) table.set(k, MEAN + (1 - this.p.revert) * (r - MEAN));
  }
}
