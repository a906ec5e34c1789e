import { describe, expect, it } from 'vitest';
import { driftReport } from '../../src/contracts/drift.js';
import { portfolioTargets } from '../../src/risk/allocator.js';

describe('allocator', () => {
  it('scales the allocations by risk_scaler and the drawdown multiplier, under the per-asset and gross caps', () => {
    const alloc = { SPY: 0.35, QQQ: 0.35, GLD: 0.3 };
    const sum = (t: Record<string, number>): number => Object.values(t).reduce((a, b) => a + b, 0);
    const calm = portfolioTargets(alloc, { riskScaler: 0.8, multiplier: 0.5, grossCap: 1, maxWeight: 0.4 });
    expect(calm.SPY).toBeCloseTo(0.35 * 0.8 * 0.5, 12);
    expect(sum(calm)).toBeCloseTo(0.4, 12);
    // risk_scaler 1.2 would put SPY at 0.42: clamped just under the 0.4 position cap, then the
    // book (0.396 + 0.396 + 0.36) is scaled into the 0.98 gross cap.
    const hot = portfolioTargets(alloc, { riskScaler: 1.2, multiplier: 1, grossCap: 0.98, maxWeight: 0.4 });
    expect(sum(hot)).toBeCloseTo(0.98, 12);
    expect(hot.SPY! / hot.GLD!).toBeCloseTo(0.396 / 0.36, 12);
    // The governor's stressed-regime cap binds below the cash cap.
    expect(sum(portfolioTargets(alloc, { riskScaler: 1, multiplier: 1, grossCap: 0.5 }))).toBeCloseTo(0.5, 12);
    // A halt (multiplier 0) targets an empty book.
    expect(sum(portfolioTargets(alloc, { riskScaler: 1, multiplier: 0, grossCap: 0 }))).toBe(0);
  });

  it('reports drift per asset and in total', () => {
    const d = driftReport({ SPY: 0.5, QQQ: 0.5 }, { SPY: 10, GLD: 5 }, { SPY: 500, GLD: 200, QQQ: 400 }, 10_000, 0.05);
    const by = Object.fromEntries(d.assets.map((a) => [a.symbol, a]));
    expect(by.SPY?.current_weight).toBeCloseTo(0.5, 12);
    expect(by.SPY?.drift).toBeCloseTo(0, 12);
    expect(by.QQQ?.trade_notional).toBeCloseTo(5000, 9);
    expect(by.GLD?.drift).toBeCloseTo(0.1, 12);
    // The cash leg: 0.4 of equity more must leave cash than comes back to it.
    expect(d.total_drift).toBeCloseTo((0 + 0.5 + 0.1 + 0.4) / 2, 12);
    // Opening one small position counts in full; a switch between two assets counts once.
    expect(driftReport({ SPY: 0.08 }, {}, { SPY: 500 }, 10_000).total_drift).toBeCloseTo(0.08, 12);
    expect(driftReport({ SPY: 0.5, QQQ: 0.5 }, { SPY: 11.6, QQQ: 8.4 }, { SPY: 500, QQQ: 500 }, 10_000).total_drift).toBeCloseTo(0.08, 12);
    expect(d.rebalance_needed).toBe(true);
  });
});
