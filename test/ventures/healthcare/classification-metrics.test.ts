import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/market/rng.js';
import { accuracy, auroc, aurocBootstrap, brier, calibration, expectedCalibrationError } from '../../../src/ventures/healthcare/classification-metrics.js';

/** The definition, pair by pair: P(case scores above non-case) + ½ P(tie). */
function pairwiseAuroc(s: number[], y: (0 | 1)[]): number {
  let c = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (y[i] === 1 && y[j] === 0) {
    n++;
    c += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
  }
  return c / n;
}

describe('classification figures', () => {
  it('AUROC by ranks equals the pairwise definition, ties included', () => {
    const r = seededRandom(7);
    for (let t = 0; t < 20; t++) {
      const n = 5 + Math.floor(r() * 60);
      const y = Array.from({ length: n }, (_, i) => (i < 2 ? (i as 0 | 1) : r() < 0.4 ? 1 : 0));
      // Rounded scores make ties common.
      const s = y.map((v) => Math.round((r() + 0.3 * v) * 10) / 10);
      expect(auroc(s, y)).toBeCloseTo(pairwiseAuroc(s, y), 12);
    }
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(Number.isNaN(auroc([0.2, 0.3], [1, 1]))).toBe(true);
  });

  it('accuracy, Brier and the reliability table on a hand-computed case', () => {
    const p = [0.05, 0.15, 0.55, 0.95, 1];
    const y: (0 | 1)[] = [0, 1, 0, 1, 1];
    expect(accuracy(p, y)).toBeCloseTo(3 / 5, 12);
    // (0.05² + 0.85² + 0.55² + 0.05² + 0²) / 5
    expect(brier(p, y)).toBeCloseTo((0.0025 + 0.7225 + 0.3025 + 0.0025) / 5, 12);
    const table = calibration(p, y, 10);
    expect(table.map((b) => [b.lo, b.n, b.observed_rate])).toEqual([[0, 1, 0], [0.1, 1, 1], [0.5, 1, 0], [0.9, 2, 1]]);
    expect(table[3]!.mean_predicted).toBeCloseTo(0.975, 12);
    // ECE = (0.05 + 0.85 + 0.55 + 2·0.025) / 5
    expect(expectedCalibrationError(table)).toBeCloseTo((0.05 + 0.85 + 0.55 + 0.05) / 5, 12);
  });

  it('the bootstrap interval is reproducible, brackets the estimate and narrows with more data', () => {
    const r = seededRandom(3);
    const make = (n: number) => {
      const y = Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0) as 0 | 1);
      return { y, s: y.map((v) => r() + 0.6 * v) };
    };
    const small = make(80);
    const big = make(2000);
    const a = aurocBootstrap(small.s, small.y, { resamples: 400, seed: 5 });
    expect(aurocBootstrap(small.s, small.y, { resamples: 400, seed: 5 })).toEqual(a);
    const point = auroc(small.s, small.y);
    expect(a.lo).toBeLessThan(point);
    expect(a.hi).toBeGreaterThan(point);
    const b = aurocBootstrap(big.s, big.y, { resamples: 400, seed: 5 });
    expect(b.hi - b.lo).toBeLessThan((a.hi - a.lo) / 2);
  });
});
