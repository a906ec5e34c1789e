/** The hedge engine: betas from the calibration, a beta-1.4 portfolio hedged back inside its limit, costs by hand. */
import { describe, expect, it } from 'vitest';
import { betaTo, measureExposures, proposeHedges, treeCorrelation, type HedgeCosts } from '../../src/risk/hedge.js';

const costs: Record<'SPY' | 'BTC-USD', HedgeCosts> = {
  SPY: { spreadBps: 0.3, feeBps: 1, borrowPerYear: 0.005, holdDays: 7 },
  'BTC-USD': { spreadBps: 3, feeBps: 10, borrowPerYear: 0.1, holdDays: 7 },
};

describe('hedge engine', () => {
  it('reads betas off the calibration tree', () => {
    expect(betaTo('SPY', 'SPY', false)).toBe(1);
    // QQQ: ρ 0.9, σ 1.25 × SPY's → β 1.125 (calm/normal); stressed ρ 0.95 → 1.1875.
    expect(betaTo('QQQ', 'SPY', false)).toBeCloseTo(1.125, 12);
    expect(betaTo('QQQ', 'SPY', true)).toBeCloseTo(1.1875, 12);
    // ETH–BTC ρ 0.8, σ 1.5 × BTC's → 1.2; ETH–SPY goes through BTC: 0.8 × 0.15.
    expect(betaTo('ETH-USD', 'BTC-USD', false)).toBeCloseTo(1.2, 12);
    expect(treeCorrelation('ETH-USD', 'SPY', false)).toBeCloseTo(0.12, 12);
    expect(betaTo('NOPE', 'SPY', false)).toBe(0);
  });

  it('hedges a portfolio with beta 1.4 to SPY back inside a limit of 1.0', () => {
    // $10,000 wealth: $10,000 QQQ (β 1.125) + $2,000 SPY + luxury inventory $1,500 at β 0.5 → 1.125 + 0.2 + 0.075 = 1.4.
    const exposures = measureExposures({ positions: { QQQ: 10_000, SPY: 2_000 }, inventories: { luxury_agent: 1_500 }, wealth: 10_000, stressed: false, limits: { SPY: 1, 'BTC-USD': 0.5 } });
    const spy = exposures.find((e) => e.factor === 'SPY')!;
    expect(spy.beta).toBeCloseTo(1.4, 12);
    const [hedge, ...rest] = proposeHedges(exposures, 10_000, costs);
    expect(rest).toEqual([]);
    // Target 0.9 × 1.0: short (1.4 − 0.9) × $10,000 = $5,000 of SPY.
    expect(hedge).toMatchObject({ factor: 'SPY', instrument: 'SPY', side: 'sell', notional: 5_000, betaAfter: 0.9 });
    // After the short, the measured beta is inside the limit.
    const after = measureExposures({ positions: { QQQ: 10_000, SPY: 2_000 - hedge!.notional }, inventories: { luxury_agent: 1_500 }, wealth: 10_000, stressed: false, limits: { SPY: 1, 'BTC-USD': 0.5 } });
    expect(after.find((e) => e.factor === 'SPY')!.beta).toBeCloseTo(0.9, 12);
    // Cost by hand: 5000 × ((0.15 + 1) / 10,000 + 0.005 × 7 / 365) = 0.575 + 0.4795 = 1.05.
    expect(hedge!.estimatedCost).toBe(1.05);
  });

  it('proposes nothing inside the limits', () => {
    const exposures = measureExposures({ positions: { GLD: 5_000, SPY: 3_000 }, inventories: {}, wealth: 10_000, stressed: false, limits: { SPY: 1, 'BTC-USD': 0.5 } });
    expect(proposeHedges(exposures, 10_000, costs)).toEqual([]);
  });
});
