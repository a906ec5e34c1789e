/**
 * The learned bet sizing: money through the replay against a hand calculation (commission 5 %),
 * stakes within the caps whatever the policy says (property), the learner's determinism, and a
 * constructed market where the right Kelly multiplier is known and the learner has to find it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BettingMarket, Selection } from '../../../src/core/betting.js';
import { seededRandom } from '../../../src/market/rng.js';
import { planBets } from '../../../src/ventures/sports/betting-plan.js';
import { kellyFraction } from '../../../src/ventures/sports/kelly.js';
import type { Probs } from '../../../src/ventures/sports/matches.js';
import { crossEntropy } from '../../../src/ventures/sports/sizing/learn.js';
import { kellyParams, policyMultiplier, safeMultiplier } from '../../../src/ventures/sports/sizing/policy.js';
import { replay, type SizingDay, type SizingLimits } from '../../../src/ventures/sports/sizing/replay.js';

function market(id: string, odds: [number, number, number], commission: number): BettingMarket {
  const sel: Selection[] = ['home', 'draw', 'away'];
  return { marketId: id, matchId: id, sport: 'football', league: 'x.1', home: 'H', away: 'A', kickoff: '2020-01-01T15:00:00.000Z', status: 'OPEN', inPlay: false, selections: sel, prices: sel.map((s, i) => ({ book: 'ex', selection: s, decimalOdds: odds[i] as number, commission })) };
}

function day(date: string, season: number, id: string, odds: [number, number, number], commission: number, p: Probs, won: Selection): SizingDay {
  return { date, season, markets: [market(id, odds, commission)], predictions: new Map([[id, p]]), results: new Map([[id, won]]) };
}

const WIDE: SizingLimits = { bankrollCents: 100_000, perBetCapCents: 1e9, marketCapCents: 1e9, dayCapCents: 1e9, minStakeCents: 200, minEdge: 0.03, kellyFraction: 0.25, riskScaler: 1 };

describe('replay money, commission 5 % (hand calculation in Python, not this code)', () => {
  // Odds 2.2 / 3.5 / 3.6 on one exchange book at 5 % commission; Shin's fair home is 0.448, the model
  // says 0.6. b = 1.2·0.95 = 1.14, f* = (1.14·0.6 − 0.4)/1.14 = 0.2491228.
  const days = [day('2020-01-01', 2020, 'm1', [2.2, 3.5, 3.6], 0.05, { home: 0.6, draw: 0.2, away: 0.2 }, 'home'), day('2020-01-02', 2020, 'm2', [2.2, 3.5, 3.6], 0.05, { home: 0.6, draw: 0.2, away: 0.2 }, 'away')];

  it('fractional Kelly (¼): stake 62.28, wins 74.73 less 3.74 commission; then stakes 66.70 of 1,070.99 and loses', () => {
    const f = replay(days, WIDE, null);
    expect(f).toEqual({ seasons: 1, bets: 2, value_bets: 2, arbitrages: 0, staked: 128.98, profit: 4.29, commission: 3.74, yield: expect.closeTo(429 / 12898, 12), log_growth: expect.closeTo(Math.log(100_429 / 100_000), 12), max_drawdown: expect.closeTo(6670 / 107_099, 12) });
  });

  it('a learned policy θ = 0 (multiplier ½): stake 124.56, wins 149.47 less 7.47; then stakes 142.24 of 1,142.00 and loses', () => {
    const f = replay(days, WIDE, [0, 0, 0, 0, 0]);
    expect(f).toMatchObject({ bets: 2, staked: 266.8, profit: -0.24, commission: 7.47 });
    expect(f.log_growth).toBeCloseTo(Math.log(99_976 / 100_000), 12);
    expect(f.max_drawdown).toBeCloseTo(14_224 / 114_200, 12);
  });

  it('the policy at fractional Kelly\'s parameters stakes exactly as fractional Kelly does', () => {
    expect(policyMultiplier(kellyParams(0.25), { p: 0.6, fair: 0.45, decimalOdds: 2.2, commission: 0.05, kelly: 0.25 }, 0.3)).toBeCloseTo(0.25, 12);
    expect(replay(days, WIDE, kellyParams(0.25))).toEqual(replay(days, WIDE, null));
  });
});

describe('learned stakes obey every cap', () => {
  it('property: whatever the policy (any θ, or a sizer returning NaN, ±∞, negatives, > 1), value stakes stay within per-bet, market, day caps and the bankroll, in whole cents', () => {
    const odds = fc.tuple(fc.double({ min: 1.2, max: 8, noNaN: true }), fc.double({ min: 2.5, max: 6, noNaN: true }), fc.double({ min: 1.2, max: 12, noNaN: true }));
    const sizer = fc.oneof(
      fc.array(fc.double({ min: -40, max: 40, noNaN: true }), { minLength: 5, maxLength: 5 }).map((theta) => (f: Parameters<typeof policyMultiplier>[1]) => policyMultiplier(theta, f, 0.1)),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -3, 7, 1e12).map((v) => () => v),
    );
    fc.assert(
      fc.property(fc.array(odds, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), sizer, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: 0, max: 200_000 }), fc.double({ min: 0, max: 2, noNaN: true }), fc.integer({ min: 0, max: 30_000 }), (books, pHome, size, bankrollCents, perBetCapCents, marketCapCents, dayCapCents, riskScaler, stakedToday) => {
        const markets = books.map((o, i) => market(`m${i}`, o, 0.05));
        const predictions = new Map(markets.map((m) => [m.marketId, { home: pHome, draw: (1 - pHome) / 2, away: (1 - pHome) / 2 }]));
        const stakedByMarket = new Map([['m0', 1_000]]);
        const plan = planBets(markets, predictions, { minEdge: 0.01, kellyMultiplier: 0.25, riskScaler, bankrollCents, perBetCapCents, marketCapCents, dayCapCents, minStakeCents: 200, stakedByMarket, stakedToday, sizer: size });
        let day = 0;
        for (const b of plan.bets.filter((x) => x.kind === 'value')) {
          const stake = b.legs[0]?.stakeCents as number;
          expect(Number.isInteger(stake)).toBe(true);
          expect(stake).toBeGreaterThanOrEqual(200);
          expect(stake).toBeLessThanOrEqual(Math.min(perBetCapCents, marketCapCents - (stakedByMarket.get(b.market.marketId) ?? 0), bankrollCents));
          day += stake;
        }
        expect(day).toBeLessThanOrEqual(Math.max(0, dayCapCents - stakedToday));
      }),
      { numRuns: 400 },
    );
  });

  it('a multiplier that is not a number is no bet; others are clamped to [0, 1]', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, -1, 0.3, 4].map(safeMultiplier)).toEqual([0, 0, 0, 0.3, 1]);
  });
});

describe('the learner', () => {
  // Constructed case: the book prices home at 2.2 (5 % commission) and home truly wins 55 % of the
  // time, but the model says 75 % (overconfident). Full Kelly on the model's 0.75 stakes
  // f = (1.14·0.75 − 0.25)/1.14 = 0.5307 and loses in expectation (growth −0.080 a bet); the growth-
  // optimal stake is the true Kelly (1.14·0.55 − 0.45)/1.14 = 0.1553, a multiplier of 0.1553/0.5307 = 0.293.
  const odds: [number, number, number] = [2.2, 3.4, 3.3];
  const model: Probs = { home: 0.75, draw: 0.12, away: 0.13 };
  function seasons(first: number, n: number, seed: number): SizingDay[] {
    const rand = seededRandom(seed);
    const out: SizingDay[] = [];
    for (let s = first; s < first + n; s++) for (let d = 0; d < 100; d++) out.push(day(`${s}-d${d}`, s, `${s}:${d}`, odds, 0.05, model, rand() < 0.55 ? 'home' : 'away'));
    return out;
  }
  const limits: SizingLimits = { ...WIDE, minStakeCents: 1, kellyFraction: 1 };
  const train = seasons(2000, 3, 7);
  const test = seasons(2010, 3, 99);
  const objective = (theta: readonly number[]) => replay(train, limits, theta).log_growth;
  const opts = { seed: 5, iterations: 10, population: 16, elite: 4, initialSd: 1, minSd: 0.05 };
  const features = { p: 0.75, fair: 0, decimalOdds: 2.2, commission: 0.05, kelly: kellyFraction(0.75, 2.2, 0.05) };

  it('finds a multiplier near the known optimum 0.29 and beats full Kelly on seasons it never saw', () => {
    const learned = crossEntropy(objective, kellyParams(1), opts);
    const fair = planBets([market('x', odds, 0.05)], new Map([['x', model]]), { ...limits, kellyMultiplier: 1, perBetCapCents: 1e9, marketCapCents: 1e9, dayCapCents: 1e9, stakedByMarket: new Map(), stakedToday: 0 }).bets[0]?.fair as number;
    const m = policyMultiplier(learned.params, { ...features, fair }, 0);
    expect(m).toBeGreaterThan(0.15);
    expect(m).toBeLessThan(0.45);
    const kelly = replay(test, limits, null);
    const mine = replay(test, limits, learned.params);
    expect(kelly.log_growth).toBeLessThan(0);
    expect(mine.log_growth).toBeGreaterThan(0);
    expect(mine.log_growth).toBeGreaterThan(kelly.log_growth + 5);
  });

  it('is deterministic: the same seed gives the same policy, another seed another', () => {
    const short = { ...opts, iterations: 3 };
    const a = crossEntropy(objective, kellyParams(1), short);
    expect(crossEntropy(objective, kellyParams(1), short)).toEqual(a);
    expect(crossEntropy(objective, kellyParams(1), { ...short, seed: 6 }).params).not.toEqual(a.params);
  });
});
