/** Property: for random comps, asks, budgets, caps and risk scalers, no purchase decision exceeds the budget or the risk-scaled per-item cap, nor the net value less the margin of safety. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEE_SCHEDULES, type PlatformName } from '../../../src/ventures/resale/fees.js';
import { valueFromComps } from '../../../src/ventures/resale/valuation.js';
import { resaleCandidate } from '../../../src/ventures/resale/value.js';
import { decideSpend } from '../../../src/ventures/shared/decide.js';

const NOW = Date.parse('2026-02-01T00:00:00Z');
const platforms = Object.keys(FEE_SCHEDULES) as PlatformName[];

describe('resale decisions under budget and cap', () => {
  it('never spend beyond the budget, the scaled cap or the margin of safety', () => {
    let spent = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 2_000_000 }),
        fc.array(fc.record({ noise: fc.double({ min: -0.3, max: 0.3, noNaN: true }), ageMs: fc.integer({ min: 0, max: 33 * 86_400_000 }) }), { minLength: 5, maxLength: 40 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom(...platforms),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (centre, comps, askRatio, buyerFees, platform, available, cap, scaler, safety) => {
          const v = valueFromComps(comps.map((c) => ({ ref: 'r', priceCents: Math.round(centre * (1 + c.noise)), at: NOW - c.ageMs })), NOW);
          const ask = Math.max(1, Math.round(centre * askRatio));
          const c = resaleCandidate({ priceCents: ask, buyerFeesCents: buyerFees }, v, FEE_SCHEDULES[platform], { safetyMargin: safety, shippingOutCents: 1_200, authenticationCents: 500, holdingDays: 20, insurancePerYear: 0.015, capitalPerYear: 0.08 });
          if (!c.ok) return;
          expect(c.costCents).toBeLessThanOrEqual(c.maxCostCents);
          expect(c.maxCostCents).toBeLessThanOrEqual(c.netValueCents);
          const d = decideSpend({ costCents: c.costCents, valueCents: c.netValueCents, minMargin: 0, itemCapCents: cap, availableCents: available, risk: { state: 'ACTIVE', riskScaler: scaler, reasons: [] }, approvalAboveCents: 300_000 });
          if (d.action === 'skip') return;
          spent++;
          expect(d.spendCents).toBeLessThanOrEqual(available);
          expect(d.spendCents).toBeLessThanOrEqual(Math.floor(cap * Math.min(1, scaler)));
        },
      ),
      { numRuns: 2_000 },
    );
    // The property is exercised, not vacuous: dozens of random cases reach a purchase or an approval
    // (44-81 of the 2,000 over 40 seeds, mean ~65: a bound of 40 failed about once in a few dozen runs).
    expect(spent).toBeGreaterThan(20);
  });
});
