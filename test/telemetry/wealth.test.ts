import { describe, expect, it } from 'vitest';
import { probabilityOfTarget, requiredDailyGrowth, wealthTrajectory } from '../../src/telemetry/wealth.js';

describe('wealthTrajectory', () => {
  it('computes the required growth and the target path', () => {
    const g = requiredDailyGrowth(10_000, 1_000_000, 730);
    expect((1 + g) ** 730 * 10_000).toBeCloseTo(1_000_000, 3);
    const doc = wealthTrajectory(
      [
        { date: '2025-01-01', wealth: 10_000 },
        { date: '2025-01-03', wealth: 10_100 },
      ],
      10_000,
      [],
      { simulated: true, nowMs: Date.UTC(2025, 0, 3) },
    );
    expect(doc.required_daily_growth).toBeCloseTo(g, 15);
    expect(doc.required_annual_growth).toBeCloseTo((1 + g) ** 365 - 1, 12);
    expect(doc.days[1]?.target).toBeCloseTo(10_000 * (1 + g) ** 2, 9);
    expect(doc.probability_of_target).toBeNull(); // not enough returns to measure
    expect(doc.simulated).toBe(true);
  });

  it('measures the probability by a seeded bootstrap', () => {
    // Certain outcomes: a constant return that does (or does not) reach the target.
    expect(probabilityOfTarget(100, 200, 100, [0.01], 200, 1)).toBe(1); // 1.01^100 = 2.7
    expect(probabilityOfTarget(100, 200, 50, [0.01], 200, 1)).toBe(0); // 1.01^50 = 1.64
    const mixed = Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.03 : -0.02));
    const p1 = probabilityOfTarget(10_000, 1_000_000, 730, mixed, 2000, 7);
    expect(p1).toBeGreaterThan(0);
    expect(p1).toBeLessThan(1);
    expect(probabilityOfTarget(10_000, 1_000_000, 730, mixed, 2000, 7)).toBe(p1); // reproducible from its seed
  });
});
