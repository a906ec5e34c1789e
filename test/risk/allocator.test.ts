import { describe, expect, it } from 'vitest';
import { driftReport, targetWeights } from '../../src/risk/allocator.js';

describe('allocator', () => {
  it('turns positive signals into capped targets scaled by the invested fraction', () => {
    const r = targetWeights({ SPY: 3, QQQ: 1, GLD: 1, BTC: -2, ETH: Number.NaN }, { lo: 0.02, hi: 0.35, maxAssets: 20, investedFraction: 0.5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.targets).sort()).toEqual(['GLD', 'QQQ', 'SPY']);
    expect(r.targets.SPY).toBeCloseTo(0.35 * 0.5, 12);
    expect(Object.values(r.targets).reduce((a, b) => a + b, 0)).toBeCloseTo(0.5, 12);
    expect(targetWeights({ SPY: 1, QQQ: 1 })).toMatchObject({ ok: false });
  });

  it('reports drift per asset and in total', () => {
    const d = driftReport({ SPY: 0.5, QQQ: 0.5 }, { SPY: 10, GLD: 5 }, { SPY: 500, GLD: 200, QQQ: 400 }, 10_000, 0.05);
    const by = Object.fromEntries(d.assets.map((a) => [a.symbol, a]));
    expect(by.SPY?.current_weight).toBeCloseTo(0.5, 12);
    expect(by.SPY?.drift).toBeCloseTo(0, 12);
    expect(by.QQQ?.trade_notional).toBeCloseTo(5000, 9);
    expect(by.GLD?.drift).toBeCloseTo(0.1, 12);
    expect(d.total_drift).toBeCloseTo((0 + 0.5 + 0.1) / 2, 12);
    expect(d.rebalance_needed).toBe(true);
  });
});
