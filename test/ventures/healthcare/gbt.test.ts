import { describe, expect, it } from 'vitest';
import { fitGbt, gbtMargin, predictGbt } from '../../../src/ventures/healthcare/gbt.js';

const logLoss = (p: number[], y: (0 | 1)[]) => -p.reduce((a, v, i) => a + (y[i] ? Math.log(v) : Math.log(1 - v)), 0) / p.length;

describe('gradient-boosted trees', () => {
  it('one stump on hand-computed numbers: base log-odds, midpoint threshold, leaves −G/(H+λ)', () => {
    const x = [[1], [2], [3], [4]];
    const y: (0 | 1)[] = [0, 0, 1, 1];
    const m = fitGbt(x, y, { trees: 1, depth: 1, learningRate: 0.5, lambda: 1, minChildWeight: 0 });
    // 2 of 4 positive: base 0, p = 0.5 for all, g = p − y = ±0.5, h = 0.25.
    expect(m.base).toBe(0);
    expect(m.trees[0]![0]).toEqual({ feature: 0, threshold: 2.5, left: 1, right: 2 });
    // Left: G = 1, H = 0.5 → −1/1.5; right: G = −1 → +1/1.5.
    expect(m.trees[0]![1]).toEqual({ leaf: -1 / 1.5 });
    expect(m.trees[0]![2]).toEqual({ leaf: 1 / 1.5 });
    expect(gbtMargin(m, [[0], [10]])).toEqual([-0.5 / 1.5, 0.5 / 1.5]);
  });

  it('the training loss falls with every tree and a min-child-weight too large stops splitting', () => {
    const x: number[][] = [];
    const y: (0 | 1)[] = [];
    for (let i = 0; i < 60; i++) {
      x.push([i % 7, (i * 13) % 11]);
      y.push((i % 7) + ((i * 13) % 11) > 8 ? 1 : 0);
    }
    let prev = Number.POSITIVE_INFINITY;
    for (const trees of [1, 5, 20, 60]) {
      const loss = logLoss(predictGbt(fitGbt(x, y, { trees, depth: 2, learningRate: 0.3, lambda: 1, minChildWeight: 1 }), x), y);
      expect(loss).toBeLessThan(prev);
      prev = loss;
    }
    const stump = fitGbt(x, y, { trees: 3, depth: 3, learningRate: 0.3, lambda: 1, minChildWeight: 1e6 });
    for (const t of stump.trees) expect(t).toHaveLength(1);
    expect(() => fitGbt(x, x.map(() => 1), { trees: 1, depth: 1, learningRate: 0.1, lambda: 1, minChildWeight: 1 })).toThrow(/both classes/);
  });
});
