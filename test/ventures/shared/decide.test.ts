/** The venture spending decision: hand-computed cases with fees, and a property test that no decision exceeds its budget or cap. */
import { idleReasons } from '../../../src/ventures/shared/agent.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableCents, capitalCents } from '../../../src/ventures/shared/budget.js';
import { decideSpend, type SpendInput } from '../../../src/ventures/shared/decide.js';
import type { VentureRisk } from '../../../src/ventures/shared/risk-view.js';
import { ventureRiskView } from '../../../src/ventures/shared/risk-view.js';

const active: VentureRisk = { state: 'ACTIVE', riskScaler: 1, reasons: [] };
const base: SpendInput = { costCents: 10_000, valueCents: 13_000, minMargin: 0.15, itemCapCents: 50_000, availableCents: 100_000, risk: active, approvalAboveCents: 25_000 };

describe('decideSpend', () => {
  it('acts on a sneaker bought at $180 + 3 % processing that resells at $260 less StockX 9 % + 3 %', () => {
    // Hand computation: cost = 18000 + 540 = 18540 c; net resale = 26000 × (1 − 0.12) = 22880 c;
    // profit 4340 c; margin 4340 / 18540 = 0.23409...
    const d = decideSpend({ ...base, costCents: 18_540, valueCents: 22_880 });
    expect(d).toEqual({ action: 'act', spendCents: 18_540, profitCents: 4_340, margin: 4_340 / 18_540 });
  });

  it('skips when fees eat the edge, and below the margin', () => {
    expect(decideSpend({ ...base, valueCents: 10_000 })).toMatchObject({ action: 'skip', code: 'NO_EDGE' });
    expect(decideSpend({ ...base, valueCents: 11_000 })).toMatchObject({ action: 'skip', code: 'BELOW_MARGIN' });
  });

  it('scales the per-item cap with the risk scaler, never above the configured cap', () => {
    expect(decideSpend({ ...base, itemCapCents: 10_000, risk: { ...active, riskScaler: 0.5 } })).toMatchObject({ action: 'skip', code: 'OVER_ITEM_CAP' });
    expect(decideSpend({ ...base, itemCapCents: 9_999, risk: { ...active, riskScaler: 1.2 } })).toMatchObject({ action: 'skip', code: 'OVER_ITEM_CAP' });
  });

  it('queues spend above the threshold and anything the law reserves for a person', () => {
    expect(decideSpend({ ...base, approvalAboveCents: 9_999 })).toMatchObject({ action: 'approval', spendCents: 10_000 });
    expect(decideSpend({ ...base, requiresPerson: 'primary ticket purchase (US BOTS Act)' })).toMatchObject({ action: 'approval', why: 'primary ticket purchase (US BOTS Act)' });
  });

  it('fails closed: nothing is bought unless the risk view is ACTIVE', () => {
    expect(decideSpend({ ...base, risk: { state: 'HALTED', riskScaler: 1, reasons: ['DRAWDOWN_HALT'] } })).toMatchObject({ action: 'skip', code: 'HALTED' });
    expect(decideSpend({ ...base, risk: { state: 'REDUCING', riskScaler: 1, reasons: ['RISK_STATE_MISSING'] } })).toMatchObject({ action: 'skip', code: 'REDUCE_ONLY' });
    const view = ventureRiskView({ tradingState: 'REDUCING', reasons: ['RISK_STATE_STALE'] }, undefined, 0.5);
    expect(view).toEqual({ state: 'REDUCING', riskScaler: 0.5, reasons: ['RISK_STATE_STALE', 'BRAIN_MISSING'] });
  });

  it('never spends more than the available budget or the risk-scaled cap (property)', () => {
    const risk = fc.record({ state: fc.constantFrom('ACTIVE' as const, 'REDUCING' as const, 'HALTED' as const), riskScaler: fc.double({ min: 0.4, max: 1.2, noNaN: true }), reasons: fc.constant([]) });
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2_000_000 }),
        fc.integer({ min: -5, max: 4_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        risk,
        (costCents, valueCents, itemCapCents, availableCents, approvalAboveCents, minMargin, r) => {
          const d = decideSpend({ costCents, valueCents, itemCapCents, availableCents, approvalAboveCents, minMargin, risk: r });
          if (d.action === 'skip') return;
          expect(r.state).toBe('ACTIVE');
          expect(d.spendCents).toBeLessThanOrEqual(availableCents);
          expect(d.spendCents).toBeLessThanOrEqual(itemCapCents * Math.min(1, r.riskScaler));
          expect(d.profitCents).toBeGreaterThan(0);
          if (d.action === 'act') expect(d.spendCents).toBeLessThanOrEqual(approvalAboveCents);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('venture budget', () => {
  it('takes a fixed amount or a fraction of equity, in cents', () => {
    expect(capitalCents({ budgetUsd: 2500.555 }, 0)).toBe(250_056);
    expect(capitalCents({ budgetFraction: 0.1 }, 1_234_567)).toBe(123_456);
    expect(capitalCents({}, 1_000_000)).toBe(0);
  });

  it('losses shrink what can be spent, profits do not grow it, and commitments count', () => {
    expect(availableCents({ capitalCents: 100_000, committedCents: 30_000, realizedCents: 0 })).toBe(70_000);
    expect(availableCents({ capitalCents: 100_000, committedCents: 30_000, realizedCents: -20_000 })).toBe(50_000);
    expect(availableCents({ capitalCents: 100_000, committedCents: 30_000, realizedCents: 40_000 })).toBe(70_000);
    expect(availableCents({ capitalCents: 100_000, committedCents: 130_000, realizedCents: 0 })).toBe(0);
  });
});

describe('idleReasons', () => {
  it('names the skip codes of an idle cycle in code order, without counts, and nothing when none', () => {
    expect(idleReasons({ OVER_BUDGET: 3, BELOW_MARGIN: 12 })).toBe('BELOW_MARGIN, OVER_BUDGET');
    expect(idleReasons({ BELOW_MARGIN: 1, OVER_BUDGET: 7 })).toBe(idleReasons({ OVER_BUDGET: 3, BELOW_MARGIN: 12 }));
    expect(idleReasons({ NO_EDGE: 0 })).toBe('');
    expect(idleReasons({})).toBe('');
  });
});
