import { describe, expect, it } from 'vitest';
import { DixonColesModel } from '../../../src/ventures/sports/dixon-coles.js';
import { EloModel, ELO_DEFAULTS } from '../../../src/ventures/sports/elo.js';
import { loadMatches } from '../../../src/ventures/sports/data.js';
import { evaluate } from '../../../src/ventures/sports/evaluate.js';
import type { Match } from '../../../src/ventures/sports/matches.js';
import type { OnlineModel } from '../../../src/ventures/sports/model.js';
import { outcomeOf } from '../../../src/ventures/sports/matches.js';
import { score } from '../../../src/ventures/sports/scoring.js';
import { scoreWalkForward, walkForward } from '../../../src/ventures/sports/walk-forward.js';

const nfl = loadMatches('nfl').filter((m) => m.season >= 2014 && m.season <= 2016);
const football = loadMatches('football').filter((m) => m.league === 'en.1' && m.season >= 2014 && m.season <= 2016);

/** Every result from `cutoff` on turned around (home and away scores swapped, ties made 3-0). */
function rewriteFuture(ms: readonly Match[], cutoff: string): Match[] {
  return ms.map((m) => (m.date < cutoff || m.homeScore === null ? m : { ...m, homeScore: m.awayScore === m.homeScore ? 3 : m.awayScore, awayScore: m.awayScore === m.homeScore ? 0 : m.homeScore }));
}

function leakCheck(ms: readonly Match[], cutoff: string, make: () => OnlineModel) {
  const a = walkForward(ms, make());
  const b = walkForward(rewriteFuture(ms, cutoff), make());
  const until = a.filter((p) => p.match.date <= cutoff).length;
  expect(until).toBeGreaterThan(100);
  // Up to and including the cutoff day the predictions are identical: that day's results are learned only after it is predicted.
  expect(b.slice(0, until).map((p) => p.probs)).toEqual(a.slice(0, until).map((p) => p.probs));
  // After it they differ, so the check can fail.
  const later = a.slice(until).filter((p, i) => JSON.stringify(p.probs) !== JSON.stringify(b[until + i]?.probs));
  expect(later.length).toBeGreaterThan(100);
}

describe('walk-forward evaluation cannot see the future', () => {
  it('Elo (NFL): changing every result from 2015-11-01 on leaves every earlier prediction unchanged', () => {
    leakCheck(nfl, '2015-11-01', () => new EloModel('nfl', ELO_DEFAULTS.nfl));
  });

  it('Dixon–Coles (Premier League): the same for results from 2015-12-26 on', () => {
    leakCheck(football, '2015-12-26', () => new DixonColesModel());
  });

  it('evaluate tunes on earlier seasons only: rewriting the scored seasons leaves the tuned parameters unchanged', () => {
    const a = evaluate('football', football, 2016, 'en.1');
    const b = evaluate('football', rewriteFuture(football, '2016-07-01'), 2016, 'en.1');
    expect(b.tuning).toEqual(a.tuning);
    expect(b.model.log_loss).not.toBe(a.model.log_loss);
  });
});

describe('evaluate on the real data', () => {
  it('reports n, accuracy, brier, log_loss and calibration per model and baseline, with the target beside the measured accuracy', () => {
    const r = evaluate('nfl', nfl, 2016, null);
    expect(r.model.name).toBe('elo');
    expect(r.baselines.map((b) => b.name)).toEqual(['home_always', 'fivethirtyeight_elo']);
    for (const e of [r.model, ...r.baselines]) {
      expect(e.n).toBe(nfl.filter((m) => m.season === 2016).length);
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['n', 'accuracy', 'brier', 'log_loss', 'calibration']));
      expect(e.calibration.reduce((s, b) => s + b.n, 0)).toBe(e.n);
    }
    expect(r.target.accuracy).toBe(0.7);
    expect(r.model.accuracy_minus_target).toBeCloseTo(r.model.accuracy - 0.7, 12);
    // home_always's accuracy is the home-win share of decided games.
    const decided = nfl.filter((m) => m.season === 2016 && m.homeScore !== m.awayScore);
    expect(r.baselines[0]?.accuracy).toBeCloseTo(decided.filter((m) => (m.homeScore as number) > (m.awayScore as number)).length / decided.length, 12);
  });
});

describe('scoring while walking forward', () => {
  // The fit scores as it predicts (no list of predictions); the list, filtered and scored afterwards, is the reference.
  it.each([
    ['nfl', nfl, () => new EloModel('nfl', ELO_DEFAULTS.nfl), 2015],
    ['football', football, () => new DixonColesModel(), 2015],
  ] as const)('%s: the same figures, to the last bit, as scoring the list of predictions', (sport, ms, make, from) => {
    const listed = walkForward(ms, make()).flatMap((p) => {
      const o = outcomeOf(p.match);
      return o && p.match.season >= from ? [{ probs: p.probs, outcome: o }] : [];
    });
    expect(listed.length).toBeGreaterThan(300);
    expect(scoreWalkForward(sport, ms, make(), from)).toEqual(score(sport, listed));
  });
});
