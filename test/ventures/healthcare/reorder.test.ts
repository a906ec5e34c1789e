import { describe, expect, it } from 'vitest';
import { newsvendor, reorderPolicy, reorderQuantity } from '../../../src/ventures/healthcare/reorder.js';

describe('supply reorder policy', () => {
  it('(s, S) on a hand-computed case', () => {
    // μ 20/day, σ 5, L 4, R 1, 95 % → z 1.644854; SS = 1.644854·5·√5 = 18.390; s = 100 + 18.390 → 119.
    // D = 7300/yr, K = $50, h = $2/unit/yr: EOQ = √(2·7300·5000/200) = 604.15 → 605; S = 724.
    const p = reorderPolicy({ demandPerDay: 20, demandSdPerDay: 5, leadTimeDays: 4, reviewDays: 1, serviceLevel: 0.95, orderCostCents: 5000, holdingCostCentsPerUnitYear: 200 });
    expect(p).toMatchObject({ safetyStock: 19, reorderPoint: 119, economicOrderQty: 605, orderUpTo: 724 });
    // Ordering 7300/605·5000 = 60 330.58 + holding (302.5 + 19)·200 = 64 300 → 124 631 cents.
    expect(p.annualCostCents).toBe(124_631);
    expect(reorderQuantity(p, 120)).toBe(0);
    expect(reorderQuantity(p, 119)).toBe(605);
    expect(reorderQuantity(p, -10)).toBe(734);
  });

  it('a higher service level never lowers the reorder point', () => {
    let prev = 0;
    for (const serviceLevel of [0.6, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      const p = reorderPolicy({ demandPerDay: 12, demandSdPerDay: 6, leadTimeDays: 7, reviewDays: 7, serviceLevel, orderCostCents: 2500, holdingCostCentsPerUnitYear: 150 });
      expect(p.reorderPoint).toBeGreaterThanOrEqual(prev);
      prev = p.reorderPoint;
    }
  });

  it('newsvendor: critical ratio (p − c)/(p − v) and its quantile, hand-computed', () => {
    // p $10, c $4, v $1 → 6/9 = 0.6667, z = 0.43073; q = 100 + 0.43073·20 = 108.6 → 109.
    const n = newsvendor({ demandMean: 100, demandSd: 20, unitCostCents: 400, priceCents: 1000, salvageCents: 100 });
    expect(n.criticalRatio).toBeCloseTo(2 / 3, 12);
    expect(n.quantity).toBe(109);
  });

  it('names the field, the value and what is accepted', () => {
    const base = { demandPerDay: 20, demandSdPerDay: 5, leadTimeDays: 4, reviewDays: 1, serviceLevel: 0.95, orderCostCents: 5000, holdingCostCentsPerUnitYear: 200 };
    expect(() => reorderPolicy({ ...base, serviceLevel: 1 })).toThrow(/serviceLevel 1 is not accepted: expected a number in \(0.5, 1\)/);
    expect(() => reorderPolicy({ ...base, orderCostCents: 12.5 })).toThrow(/orderCostCents 12.5/);
    expect(() => newsvendor({ demandMean: 1, demandSd: 1, unitCostCents: 400, priceCents: 300, salvageCents: 0 })).toThrow(/priceCents 300/);
  });
});
