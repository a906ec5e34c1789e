import { describe, expect, it } from 'vitest';
import { DixonColesModel, DIXON_COLES_DEFAULTS, fitDixonColes, outcomeProbs, tau } from '../../../src/ventures/sports/dixon-coles.js';
import { EloModel, ELO_DEFAULTS, movMultiplier, threeWay, winExpectancy } from '../../../src/ventures/sports/elo.js';
import type { Match } from '../../../src/ventures/sports/matches.js';
import { parseFootballCsv } from '../../../src/ventures/sports/matches.js';
import { splitCsvLine } from '../../../src/store/csv.js';
import { scoreThreeWay, scoreTwoWay } from '../../../src/ventures/sports/scoring.js';

function match(o: Partial<Match> & Pick<Match, 'home' | 'away'>): Match {
  return { id: `${o.date ?? '2020-01-01'}-${o.home}-${o.away}`, sport: 'nfl', league: 'nfl', season: 2020, round: '', date: '2020-01-01', kickoff: '2020-01-01T18:00:00.000Z', neutral: false, homeScore: null, awayScore: null, ...o };
}

// Hand computations (Python, independent of this code): E = 1 / (1 + 10^(−65/400)) = 0.592466230584;
// NFL multiplier for a 7-point home win with a 65-point edge: ln 8 · 2.2 / 2.265 = 2.019766618850;
// ΔR = 20 · 2.01977 · (1 − 0.59247) = 16.462462070399.
describe('Elo on hand-computed cases', () => {
  it('win expectancy with 65 points of home advantage', () => {
    expect(winExpectancy(65)).toBeCloseTo(0.592466230584, 10);
    const elo = new EloModel('nfl', { ...ELO_DEFAULTS.nfl, k: 20, homeAdvantage: 65 });
    const p = elo.predict(match({ home: 'A', away: 'B' }));
    // No games seen yet: tie prior 1/200.
    expect(p.draw).toBeCloseTo(1 / 200, 12);
    expect(p.home / (p.home + p.away)).toBeCloseTo(0.592466230584, 10);
  });

  it('a 7-point home win moves both ratings by K · MOV · (1 − E)', () => {
    expect(movMultiplier('nfl', 7, 65)).toBeCloseTo(2.01976661885, 10);
    const elo = new EloModel('nfl', { ...ELO_DEFAULTS.nfl, k: 20, homeAdvantage: 65 });
    elo.observe(match({ home: 'A', away: 'B', homeScore: 24, awayScore: 17 }));
    expect(elo.rating('nfl', 'A')).toBeCloseTo(1516.462462070399, 9);
    expect(elo.rating('nfl', 'B')).toBeCloseTo(1483.537537929601, 9);
  });

  it('without margin of victory the update is K · (1 − E); neutral sites have no home advantage', () => {
    const elo = new EloModel('nfl', { ...ELO_DEFAULTS.nfl, k: 20, homeAdvantage: 65, marginOfVictory: false });
    elo.observe(match({ home: 'A', away: 'B', homeScore: 24, awayScore: 17, neutral: true }));
    expect(elo.rating('nfl', 'A')).toBeCloseTo(1510, 10);
  });

  it('football goal-difference index: 1, 1.5, (11 + g) / 8', () => {
    expect(movMultiplier('football', 1, 0)).toBe(1);
    expect(movMultiplier('football', -2, 0)).toBe(1.5);
    expect(movMultiplier('football', 3, 0)).toBe(1.75);
  });

  it('three-way split: equal ratings and a 95-point draw band give home = away = 1/(1 + 10^(95/400))', () => {
    const p = threeWay(0, 95);
    expect(p.home).toBeCloseTo(0.366592299929, 10);
    expect(p.away).toBeCloseTo(p.home, 12);
    expect(p.draw).toBeCloseTo(1 - 2 * 0.366592299929, 10);
  });

  it('a new season pulls ratings a third of the way back to 1500', () => {
    const elo = new EloModel('nfl', { ...ELO_DEFAULTS.nfl, k: 20, revert: 1 / 3, marginOfVictory: false, homeAdvantage: 0 });
    elo.observe(match({ home: 'A', away: 'B', homeScore: 1, awayScore: 0 })); // A 1510, B 1490
    elo.predict(match({ home: 'A', away: 'B', season: 2021, date: '2021-09-10' }));
    expect(elo.rating('nfl', 'A')).toBeCloseTo(1500 + (2 / 3) * 10, 10);
    expect(elo.rating('nfl', 'B')).toBeCloseTo(1500 - (2 / 3) * 10, 10);
  });
});

// Hand computation (Python): score matrix 0..10 × 0..10 of Poisson(1.5) × Poisson(1.1), τ-adjusted.
describe('Dixon–Coles on hand-computed cases', () => {
  it('τ corrects only the four low scores', () => {
    expect(tau(0, 0, 1.5, 1.1, -0.1)).toBeCloseTo(1 + 0.165, 12);
    expect(tau(0, 1, 1.5, 1.1, -0.1)).toBeCloseTo(0.85, 12);
    expect(tau(1, 0, 1.5, 1.1, -0.1)).toBeCloseTo(0.89, 12);
    expect(tau(1, 1, 1.5, 1.1, -0.1)).toBeCloseTo(1.1, 12);
    expect(tau(2, 1, 1.5, 1.1, -0.1)).toBe(1);
  });

  it('outcome probabilities of λ = 1.5, μ = 1.1 with ρ = 0 and ρ = −0.1', () => {
    const a = outcomeProbs(1.5, 1.1, 0);
    expect(a.home).toBeCloseTo(0.4642439023326, 9);
    expect(a.draw).toBeCloseTo(0.2576673636889, 9);
    expect(a.away).toBeCloseTo(0.2780887339785, 9);
    const b = outcomeProbs(1.5, 1.1, -0.1);
    expect(b.home).toBeCloseTo(0.4519887548447, 9);
    expect(b.draw).toBeCloseTo(0.2821776586648, 9);
  });

  it('a league of 1-1 draws fits equal teams, equal home and away rates of 1, and ρ at the bound that favours 1-1', () => {
    const n = 12;
    const pl = { day: Array(n).fill(0), home: Array.from({ length: n }, (_, i) => i % 3), away: Array.from({ length: n }, (_, i) => (i + 1) % 3), hg: Array(n).fill(1), ag: Array(n).fill(1) };
    const fit = fitDixonColes(pl, 0, n, 3, 0, { ...DIXON_COLES_DEFAULTS, prior: 0 });
    expect(fit.homeRate).toBeCloseTo(1, 9);
    expect(fit.awayRate).toBeCloseTo(1, 9);
    for (let t = 0; t < 3; t++) expect(fit.attack[t]).toBeCloseTo(1, 9);
    expect(fit.rho).toBeLessThan(-0.19);
  });

  it('a team that scores more gets the higher attack and wins more often', () => {
    const dc = new DixonColesModel({ ...DIXON_COLES_DEFAULTS, prior: 0.5 }, 0);
    const days = ['2020-01-01', '2020-01-08', '2020-01-15', '2020-01-22'];
    days.forEach((date, i) => {
      dc.observe(match({ home: 'Strong', away: `W${i}`, date, homeScore: 3, awayScore: 0, league: 'x' }));
      dc.observe(match({ home: `W${i}`, away: 'Strong', date, homeScore: 0, awayScore: 2, league: 'x' }));
    });
    const p = dc.predict(match({ home: 'Strong', away: 'W0', date: '2020-02-01', league: 'x' }));
    expect(p.home).toBeGreaterThan(0.8);
  });
});

describe('scores on hand-computed cases', () => {
  it('three-way Brier sums over outcomes; log loss is −ln p(outcome)', () => {
    const s = scoreThreeWay([{ probs: { home: 0.5, draw: 0.3, away: 0.2 }, outcome: 'home' }]);
    expect(s.brier).toBeCloseTo(0.25 + 0.09 + 0.04, 12);
    expect(s.log_loss).toBeCloseTo(-Math.log(0.5), 12);
    expect(s.accuracy).toBe(1);
  });

  it('two-way: a tie is result 0.5 and left out of accuracy', () => {
    const s = scoreTwoWay([
      { probs: { home: 0.6, draw: 0, away: 0.4 }, outcome: 'draw' },
      { probs: { home: 0.6, draw: 0, away: 0.4 }, outcome: 'away' },
    ]);
    expect(s.brier).toBeCloseTo((0.01 + 0.36) / 2, 12);
    expect(s.log_loss).toBeCloseTo((0.7135581778200728 - Math.log(0.4)) / 2, 12);
    expect(s.accuracy).toBe(0);
    expect(s.n).toBe(2);
  });

  it('reliability bins hold the mean prediction and the observed frequency', () => {
    const s = scoreTwoWay([
      { probs: { home: 0.62, draw: 0, away: 0.38 }, outcome: 'home' },
      { probs: { home: 0.68, draw: 0, away: 0.32 }, outcome: 'away' },
    ]);
    expect(s.calibration).toEqual([{ from: 0.6, to: 0.7, n: 2, predicted: expect.closeTo(0.65, 12), observed: 0.5 }]);
  });
});

describe('CSV parsing', () => {
  it('keeps quoted commas and reads an unplayed fixture as no score', () => {
    expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
    const [m] = parseFootballCsv('league,season,round,date,time,home,away,home_goals,away_goals\nen.1,2025-26,Matchday 30,2026-04-04,15:00,"Brighton & Hove Albion FC","Wolves, FC",,\n');
    expect(m).toMatchObject({ season: 2025, home: 'Brighton & Hove Albion FC', away: 'Wolves, FC', homeScore: null, awayScore: null, kickoff: '2026-04-04T15:00:00.000Z' });
  });

  it('reads CRLF and blank lines, numbers a bad row as the file does without blanks, and names a missing column', () => {
    const head = 'league,season,round,date,time,home,away,home_goals,away_goals';
    const text = `${head}\r\n\r\nen.1,2015-16,Matchday 1,2015-08-08,12:45,Bournemouth AFC,Aston Villa,0,1\r\nen.1,2015-16,Matchday 1,2015-08-08,,Chelsea FC,Swansea City,2,2`;
    const ms = parseFootballCsv(text);
    // The agents hand the parser the file's bytes (decoded a line at a time): the same matches.
    expect(parseFootballCsv(Buffer.from(text, 'utf8'))).toEqual(ms);
    expect(ms.map((m) => [m.id, m.kickoff, m.away, m.homeScore, m.awayScore])).toEqual([
      ['en.1-2015-08-08-Bournemouth_AFC-Aston_Villa', '2015-08-08T12:45:00.000Z', 'Aston Villa', 0, 1],
      ['en.1-2015-08-08-Chelsea_FC-Swansea_City', '2015-08-08T15:00:00.000Z', 'Swansea City', 2, 2],
    ]);
    expect(() => parseFootballCsv(`${head}\nen.1,2015-16,1,2015-08-08,15:00,A,B,1,0\nen.1,2015-16,1,2015-08-08,15:00,C,D,x,0\n`, 'f.csv')).toThrow('f.csv row 3: home_goals "x" is not a whole number >= 0');
    expect(() => parseFootballCsv('league,season\nen.1,2015-16\n', 'f.csv')).toThrow(/f\.csv: missing column\(s\) round, date, time, home, away, home_goals, away_goals/);
    expect(() => parseFootballCsv('', 'f.csv')).toThrow(/f\.csv: missing column\(s\) league, season/);
  });
});
