/**
 * The baselines a model must beat. `home_always` picks the home team every time; its probabilities
 * are the home/draw/away frequencies of the league's earlier matches (so its Brier score and log
 * loss are finite and fair). Its pick is the most frequent outcome so far, which is the home win in
 * every league and season of both shipped datasets (its accuracy equals the home-win share). `fivethirtyeight_elo` is FiveThirtyEight's published pre-game Elo
 * probability (NFL data only; it has no ties, so its tie probability is 0).
 */
import type { Match, Probs } from './matches.js';
import { outcomeOf } from './matches.js';
import { normalise, type OnlineModel } from './model.js';

export class HomeAlwaysBaseline implements OnlineModel {
  readonly name = 'home_always';
  private readonly counts = new Map<string, { home: number; draw: number; away: number }>();

  predict(m: Match): Probs {
    // One pseudo-match per outcome plus one more home win keeps the pick on the home team from the start.
    const c = this.counts.get(m.league) ?? { home: 0, draw: 0, away: 0 };
    const n = c.home + c.draw + c.away + 4;
    return { home: (c.home + 2) / n, draw: (c.draw + 1) / n, away: (c.away + 1) / n };
  }

  observe(m: Match): void {
    const o = outcomeOf(m);
    if (!o) return;
    const c = this.counts.get(m.league) ?? { home: 0, draw: 0, away: 0 };
    c[o]++;
    this.counts.set(m.league, c);
  }
}

export class PublishedEloBaseline implements OnlineModel {
  readonly name = 'fivethirtyeight_elo';

  predict(m: Match): Probs {
    const p = m.publishedEloProbHome;
    if (p === undefined) throw new Error(`match ${m.id} has no published Elo probability`);
    return normalise({ home: p, draw: 0, away: 1 - p });
  }

  observe(): void {}
}
