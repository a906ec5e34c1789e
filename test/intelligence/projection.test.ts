import { describe, expect, it } from 'vitest';
import { projectWeights, validateRawWeights } from '../../src/intelligence/weights-projection.js';
import { seededRandom as rng } from '../../src/market/rng.js';

describe('projectWeights', () => {
  it('random inputs give weights in [0.02, 0.35] summing to 1, or an infeasibility error', () => {
    const rand = rng(20240601);
    let feasible = 0;
    let infeasible = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const n = 1 + Math.floor(rand() * 60);
      const raw: Record<string, number> = {};
      const style = trial % 4;
      for (let i = 0; i < n; i++) {
        const u = rand();
        // mix of scales: uniform, heavy-tailed, some zeros, huge magnitudes
        raw[`S${i}`] = style === 0 ? u : style === 1 ? Math.exp(10 * (u - 0.5)) : style === 2 ? (u < 0.3 ? 0 : u) : u * 1e9;
      }
      const positive = Object.values(raw).filter((v) => v > 0).length;
      const r = projectWeights(raw);
      if (positive >= 3 && positive <= 50) {
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        feasible++;
        const w = Object.values(r.weights);
        expect(w.length).toBe(positive);
        for (const x of w) {
          expect(x).toBeGreaterThanOrEqual(0.02);
          expect(x).toBeLessThanOrEqual(0.35);
        }
        expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
        // zero-weight assets stay out
        for (const [s, v] of Object.entries(raw)) if (v === 0) expect(r.weights[s]).toBeUndefined();
      } else {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.code === 'INFEASIBLE' || r.code === 'EMPTY').toBe(true);
        infeasible++;
      }
    }
    expect(feasible).toBeGreaterThan(1000);
    expect(infeasible).toBeGreaterThan(50);
  });

  it('keeps the ratios of the free assets (the clamp-and-redistribute fixed point)', () => {
    const r = projectWeights({ A: 0.9, B: 0.05, C: 0.03, D: 0.02 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.weights.A).toBeCloseTo(0.35, 12);
    // B, C, D are free: their ratios survive
    expect((r.weights.B ?? 0) / (r.weights.C ?? 1)).toBeCloseTo(0.05 / 0.03, 10);
    expect((r.weights.C ?? 0) / (r.weights.D ?? 1)).toBeCloseTo(0.03 / 0.02, 10);
  });

  it('explains infeasible sets', () => {
    const two = projectWeights({ A: 1, B: 1 });
    expect(two).toMatchObject({ ok: false, code: 'INFEASIBLE' });
    if (!two.ok) expect(two.reason).toMatch(/at least 3 assets/);
    const many: Record<string, number> = {};
    for (let i = 0; i < 51; i++) many[`S${i}`] = 1;
    const r = projectWeights(many);
    if (!r.ok) expect(r.reason).toMatch(/at most 50/);
    else expect.fail('51 assets must be infeasible');
    const fifty: Record<string, number> = {};
    for (let i = 0; i < 50; i++) fifty[`S${i}`] = i + 1;
    const f = projectWeights(fifty);
    expect(f.ok && Object.values(f.weights).every((x) => Math.abs(x - 0.02) < 1e-15)).toBe(true);
  });
});

describe('validateRawWeights', () => {
  it('names NaN, negative and unknown symbols', () => {
    const r = validateRawWeights({ SPY: Number.NaN, QQQ: -1, XYZ: 0.3, lower: 1 }, ['SPY', 'QQQ', 'GLD']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.reasons.join('\n');
    expect(text).toMatch(/SPY: weight .* not a finite number/);
    expect(text).toMatch(/QQQ: weight -1 is negative/);
    expect(text).toMatch(/XYZ is not in the universe/);
    expect(text).toMatch(/"lower" is not an upper-case ticker/);
  });

  it('rejects more assets than the floor allows and drops zeros', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 51; i++) many[`S${i}`] = 1;
    expect(validateRawWeights(many)).toMatchObject({ ok: false });
    expect(validateRawWeights({ SPY: 1, QQQ: 0, GLD: 2 })).toEqual({ ok: true, weights: { SPY: 1, GLD: 2 } });
    expect(validateRawWeights({ SPY: 0 })).toMatchObject({ ok: false, reasons: ['no asset has a positive weight'] });
  });
});
