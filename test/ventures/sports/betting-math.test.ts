import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findArbitrage } from '../../../src/ventures/sports/arbitrage.js';
import { kellyFraction, kellyStake } from '../../../src/ventures/sports/kelly.js';
import { overround, proportional, shin } from '../../../src/ventures/sports/odds.js';

// Hand computations (Python) in the comments; none come from this code.
describe('de-margined probabilities', () => {
  it('proportional: odds 2 / 3.5 / 4 → 0.482759, 0.275862, 0.241379 (overround 3.5714 %)', () => {
    expect(overround([2, 3.5, 4])).toBeCloseTo(0.0357142857, 9);
    const p = proportional([2, 3.5, 4]);
    expect(p[0]).toBeCloseTo(0.4827586207, 9);
    expect(p[1]).toBeCloseTo(0.275862069, 9);
    expect(p[2]).toBeCloseTo(0.2413793103, 9);
  });

  it("Shin: z = 0.0178913, and the margin comes off the long shot more than the favourite", () => {
    const s = shin([2, 3.5, 4]);
    expect(s.z).toBeCloseTo(0.0178913118, 7);
    expect(s.probs[0]).toBeCloseTo(0.4867336348, 7);
    expect(s.probs[1]).toBeCloseTo(0.2743283961, 7);
    expect(s.probs[2]).toBeCloseTo(0.2389379691, 7);
  });

  it('refuses odds <= 1 naming them', () => {
    expect(() => proportional([2, 1])).toThrow(/decimal odds \[2, 1\] are not accepted/);
  });
});

describe('Kelly with commission on net odds', () => {
  it('p 0.5 at 2.2 with 5 % commission: b = 1.14, f* = 0.07 / 1.14; quarter Kelly of $1,000 = $15.35', () => {
    expect(kellyFraction(0.5, 2.2, 0.05)).toBeCloseTo(0.07 / 1.14, 12);
    expect(kellyFraction(0.5, 2.2, 0)).toBeCloseTo(0.1 / 1.2, 12);
    const s = kellyStake({ bankrollCents: 100_000, p: 0.5, decimalOdds: 2.2, commission: 0.05, kellyMultiplier: 0.25, riskScaler: 1, perBetCapCents: 10_000, marketRemainingCents: 10_000, dayRemainingCents: 10_000, minStakeCents: 200 });
    expect(s).toEqual({ stakeCents: 1535, kelly: expect.closeTo(0.0614035088, 9), reason: null });
  });

  it('commission can kill an edge: p 0.48 at 2.1 bets without commission, not with 5 %', () => {
    expect(kellyFraction(0.48, 2.1, 0)).toBeCloseTo(0.008 / 1.1, 12);
    expect(kellyStake({ bankrollCents: 100_000, p: 0.48, decimalOdds: 2.1, commission: 0.05, kellyMultiplier: 1, riskScaler: 1, perBetCapCents: 1e6, marketRemainingCents: 1e6, dayRemainingCents: 1e6, minStakeCents: 0 }).reason).toBe('NO_EDGE');
  });

  it('the risk scaler scales the stake and the tightest cap binds', () => {
    const base = { bankrollCents: 100_000, p: 0.5, decimalOdds: 2.2, commission: 0.05, kellyMultiplier: 0.25, perBetCapCents: 10_000, marketRemainingCents: 10_000, dayRemainingCents: 10_000, minStakeCents: 200 };
    expect(kellyStake({ ...base, riskScaler: 0.5 }).stakeCents).toBe(767);
    expect(kellyStake({ ...base, riskScaler: 1, dayRemainingCents: 900 })).toMatchObject({ stakeCents: 900, reason: 'DAY_CAP' });
    expect(kellyStake({ ...base, riskScaler: 1, marketRemainingCents: 100 })).toMatchObject({ stakeCents: 0, reason: 'BELOW_MIN_STAKE' });
    // Full Kelly at p 0.95 on 20.0 is 0.9474 of the bankroll; scaled by 1.2 it would exceed it.
    expect(kellyStake({ ...base, p: 0.95, decimalOdds: 20, commission: 0, kellyMultiplier: 1, riskScaler: 1.2, perBetCapCents: 1e9, marketRemainingCents: 1e9, dayRemainingCents: 1e9 })).toMatchObject({ stakeCents: 100_000, reason: 'BANKROLL' });
  });

  it('property: a stake never exceeds the per-bet, market or day cap nor the bankroll, and is whole cents', () => {
    fc.assert(
      fc.property(
        fc.record({
          bankrollCents: fc.integer({ min: 0, max: 100_000_000 }),
          p: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
          decimalOdds: fc.double({ min: 1.01, max: 50, noNaN: true }),
          commission: fc.double({ min: 0, max: 0.1, noNaN: true }),
          kellyMultiplier: fc.double({ min: 0, max: 1, noNaN: true }),
          riskScaler: fc.double({ min: 0, max: 1.2, noNaN: true }),
          perBetCapCents: fc.integer({ min: 0, max: 1_000_000 }),
          marketRemainingCents: fc.integer({ min: -1000, max: 1_000_000 }),
          dayRemainingCents: fc.integer({ min: -1000, max: 1_000_000 }),
          minStakeCents: fc.integer({ min: 0, max: 1000 }),
        }),
        (s) => {
          const { stakeCents } = kellyStake(s);
          expect(Number.isInteger(stakeCents)).toBe(true);
          expect(stakeCents).toBeGreaterThanOrEqual(0);
          expect(stakeCents).toBeLessThanOrEqual(Math.max(0, Math.min(s.perBetCapCents, s.marketRemainingCents, s.dayRemainingCents, s.bankrollCents)));
          if (stakeCents > 0) expect(stakeCents).toBeGreaterThanOrEqual(s.minStakeCents);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('arbitrage across books', () => {
  it('finds a constructed arb (2.2 / 3.9 / 4.4, Σ 1/o = 0.938228) and locks $6.56 on $100', () => {
    const arb = findArbitrage(
      [
        { book: 'a', outcome: 'home', decimalOdds: 2.2, commission: 0 },
        { book: 'b', outcome: 'home', decimalOdds: 2.0, commission: 0 },
        { book: 'b', outcome: 'draw', decimalOdds: 3.9, commission: 0 },
        { book: 'c', outcome: 'away', decimalOdds: 4.4, commission: 0 },
      ],
      ['home', 'draw', 'away'],
      10_000,
    );
    expect(arb.found).toBe(true);
    if (!arb.found) return;
    expect(arb.bookSum).toBeCloseTo(0.9382284382, 9);
    expect(arb.legs.map((l) => [l.book, l.stakeCents])).toEqual([['a', 4844], ['b', 2732], ['c', 2422]]);
    expect(arb.totalCents).toBe(9998);
    expect(arb.lockedProfitCents).toBe(656);
  });

  it('rejects a near-miss that the exchange commission kills (Σ 1/o = 0.99517 raw, 1.00799 after 5 %)', () => {
    const prices = [
      { book: 'exchange', outcome: 'home', decimalOdds: 2.0, commission: 0.05 },
      { book: 'b', outcome: 'draw', decimalOdds: 3.6, commission: 0 },
      { book: 'c', outcome: 'away', decimalOdds: 4.6, commission: 0 },
    ];
    const arb = findArbitrage(prices, ['home', 'draw', 'away'], 10_000);
    expect(arb).toMatchObject({ found: false, reason: 'NO_ARB' });
    expect(arb.bookSum).toBeCloseTo(1.0079895949, 9);
    // The same prices without commission are an arb, so the rejection is the commission's doing.
    expect(findArbitrage(prices.map((p) => ({ ...p, commission: 0 })), ['home', 'draw', 'away'], 10_000).found).toBe(true);
  });

  it('an arb too thin for whole-cent stakes is rejected, and a market missing an outcome is no arb', () => {
    const thin = findArbitrage(
      [
        { book: 'a', outcome: 'home', decimalOdds: 2.001, commission: 0 },
        { book: 'b', outcome: 'away', decimalOdds: 2.001, commission: 0 },
      ],
      ['home', 'away'],
      300,
    );
    expect(thin).toMatchObject({ found: false, reason: 'ROUNDING_KILLS_PROFIT' });
    expect(findArbitrage([{ book: 'a', outcome: 'home', decimalOdds: 5, commission: 0 }], ['home', 'away'], 100).found).toBe(false);
  });
});
