/** The capital governor's rule: budgets within wealth, floors and caps, frozen when halted, never grown on one lucky period. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCapital, DEFAULT_CAPITAL_PARAMS, periodScore, type CapitalAgentInput } from '../../src/risk/capital-governor.js';

const agent = (name: string, periodReturns: number[], extra: Partial<CapitalAgentInput> = {}): CapitalAgentInput => ({ name, periodReturns, halted: false, floor: 0.05, cap: 0.5, ...extra });

describe('allocateCapital', () => {
  it('gives equal shares without track records, held at the floors', () => {
    const b = allocateCapital(1_000_000, [agent('a', []), agent('b', [0.1]), agent('c', [0.1, 0.2, 0.3])]);
    expect(b.map((x) => x.cents)).toEqual([50_000, 50_000, 50_000]);
    expect(b[2]?.reason).toMatch(/track record 3\/4/);
  });

  it('tilts toward the better risk-adjusted record, within caps, summing to the deployable share', () => {
    const good = [0.04, 0.05, 0.03, 0.06, 0.05, 0.04, 0.05, 0.06];
    const poor = [0.02, -0.03, 0.01, -0.02, 0.03, -0.04, 0.0, 0.01];
    const b = allocateCapital(10_000_000, [agent('good', good), agent('poor', poor), agent('mid', good.map((r) => r / 3 + (r > 0.045 ? -0.02 : 0.02)))]);
    const [g, p, m] = b;
    expect(g!.cents).toBeGreaterThan(m!.cents);
    expect(m!.cents).toBeGreaterThan(p!.cents);
    expect(b.reduce((s, x) => s + x.cents, 0)).toBeLessThanOrEqual(9_500_000);
    expect(b.reduce((s, x) => s + x.cents, 0)).toBeGreaterThan(9_499_990);
    // Hand check of the good agent's raw weight: score 1 (clipped), λ = 8/16 → 1.5.
    expect(periodScore(good)).toBe(1);
  });

  it('does not grow an agent whose score is not positive, even when better agents are held back', () => {
    // Wealth $100,000: the steady agent is limited to +25 %, the losing one stays at $5,000, the rest stays in reserve.
    const steady = [0.02, 0.015, 0.025, 0.018];
    const losing = [0.3, -0.25, -0.1, 0.05];
    const b = allocateCapital(10_000_000, [agent('steady', steady, { currentCents: 500_000 }), agent('losing', losing, { currentCents: 500_000 })]);
    expect(periodScore(losing)).toBeLessThan(0);
    expect(b.map((x) => x.cents)).toEqual([625_000, 500_000]);
    expect(b[1]!.reason).toMatch(/not positive, no growth/);
  });

  it('hands what a capped agent cannot take to the others before holding anyone at a floor', () => {
    // Equal records: the first split is 0.475 each of the deployable 0.95; the venture is capped at
    // its +25 % step (0.0625), so the trader gets the rest up to its own step limit 0.625 — not its
    // floor 0.5 with a quarter of the wealth left idle.
    const rec = [0.01, 0.02, 0.015, 0.01];
    const b = allocateCapital(10_000_000, [agent('trader', rec, { floor: 0.5, cap: 1, currentCents: 5_000_000 }), agent('venture', rec, { floor: 0.05, cap: 0.4, currentCents: 500_000 })]);
    expect(b.map((x) => x.cents)).toEqual([6_250_000, 625_000]);
  });

  it('freezes a halted agent at its current budget and shares the rest', () => {
    const b = allocateCapital(1_000_000, [agent('h', [0.1, 0.1, 0.1, 0.1], { halted: true, currentCents: 123_456 }), agent('x', [0.01, 0.02, 0.01, 0.02])]);
    expect(b[0]).toMatchObject({ cents: 123_456, frozen: true });
    expect(b[1]!.cents).toBeLessThanOrEqual(500_000);
  });

  it('limits growth to +25 % a period', () => {
    const b = allocateCapital(1_000_000, [agent('a', [0.5, 0.6, 0.5, 0.6, 0.5], { currentCents: 100_000 }), agent('b', [0, 0, 0, 0, 0.01])]);
    expect(b[0]!.cents).toBeLessThanOrEqual(125_000);
    expect(b[0]!.reason).toMatch(/growth limited/);
  });

  const agentArb = fc.record({
    name: fc.string({ minLength: 1, maxLength: 4 }),
    periodReturns: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { maxLength: 20 }),
    currentCents: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
    halted: fc.boolean(),
    floor: fc.double({ min: 0, max: 0.3, noNaN: true }),
    cap: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('never hands out more than the wealth, and respects caps and frozen budgets (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.array(agentArb, { minLength: 1, maxLength: 9 }), (wealth, agents) => {
        const b = allocateCapital(wealth, agents);
        expect(b.reduce((s, x) => s + x.cents, 0)).toBeLessThanOrEqual(wealth);
        b.forEach((x, i) => {
          const a = agents[i]!;
          expect(x.cents).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(x.cents)).toBe(true);
          if (!a.halted) expect(x.cents).toBeLessThanOrEqual(Math.floor(Math.max(a.cap, a.floor) * wealth) + 1);
          if (!a.halted && a.periodReturns.length < DEFAULT_CAPITAL_PARAMS.minTrackRecord) expect(x.cents).toBeLessThanOrEqual(Math.floor(a.floor * wealth) + 1);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('never grows an agent on one lucky period (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 0, maxLength: 12 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.integer({ min: 10_000, max: 400_000 }),
        (history, lucky, current) => {
          const others = [agent('b', [0.01, 0.0, 0.02, 0.01, 0.0]), agent('c', [0.0, 0.01, 0.0, 0.01, 0.02])];
          const after = allocateCapital(1_000_000, [agent('a', [...history, lucky], { currentCents: current }), ...others])[0]!;
          // At most +25 % on its budget in force, and no more than its floor without a track record.
          expect(after.cents).toBeLessThanOrEqual(Math.max(Math.floor(current * 1.25), 50_000) + 1);
          if (history.length + 1 < DEFAULT_CAPITAL_PARAMS.minTrackRecord) expect(after.cents).toBeLessThanOrEqual(50_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
