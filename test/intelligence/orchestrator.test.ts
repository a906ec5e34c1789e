import { describe, expect, it } from 'vitest';
import { computeBrain, type BrainInputs, type InputReport } from '../../src/intelligence/orchestrator.js';

const ok = (name: string): InputReport => ({ name, status: 'ok', age_seconds: 1 });
const base: BrainInputs = {
  realisedVol: 0.15,
  targetVol: 0.15,
  drawdown: 0,
  halted: false,
  sentiment: null,
  signals: [1, 1, 1],
  validationScores: [0.8],
  inputs: [ok('performance_metrics'), ok('drawdown_guard')],
};

function inRange(b: { risk_scaler: number; confidence: number }): void {
  expect(b.risk_scaler).toBeGreaterThanOrEqual(0.4);
  expect(b.risk_scaler).toBeLessThanOrEqual(1.2);
  expect(b.confidence).toBeGreaterThanOrEqual(0.05);
  expect(b.confidence).toBeLessThanOrEqual(0.9);
}

describe('computeBrain', () => {
  it('targets volatility, scales down in drawdown and halts', () => {
    expect(computeBrain(base).risk_scaler).toBeCloseTo(1, 12);
    expect(computeBrain({ ...base, realisedVol: 0.3 }).risk_scaler).toBeCloseTo(0.5, 12);
    expect(computeBrain({ ...base, realisedVol: 0.05 }).risk_scaler).toBe(1.2);
    expect(computeBrain({ ...base, drawdown: 0.1 }).risk_scaler).toBeCloseTo(0.8, 12);
    expect(computeBrain({ ...base, halted: true }).risk_scaler).toBe(0.4);
    const withSentiment = computeBrain({ ...base, realisedVol: 0.2, sentiment: 0.5, inputs: [...base.inputs, ok('knowledge_snap')] });
    expect(withSentiment.risk_scaler).toBeCloseTo(0.75 * 1.05, 12);
    // agreement high + good validation → high confidence; disagreement lowers it
    expect(computeBrain(base).confidence).toBeCloseTo(0.9, 12);
    expect(computeBrain({ ...base, signals: [1, -1] }).confidence).toBeCloseTo(0.4, 12);
  });

  it('stale or missing inputs lower confidence and the scaler, and are named', () => {
    const b = computeBrain({ ...base, inputs: [{ name: 'performance_metrics', status: 'stale', age_seconds: 9000 }, { name: 'knowledge_snap', status: 'missing', age_seconds: null }] });
    expect(b.risk_scaler).toBeCloseTo(0.81, 12);
    expect(b.confidence).toBeCloseTo(0.9 * 0.64, 12);
    expect(b.reasons.join(' ')).toMatch(/performance_metrics: stale.*knowledge_snap: missing/);
  });

  it('stays in range for adversarial inputs', () => {
    const nasty: Partial<BrainInputs>[] = [
      { realisedVol: 0 },
      { realisedVol: Number.NaN },
      { realisedVol: -1 },
      { realisedVol: Number.POSITIVE_INFINITY },
      { realisedVol: 1e-300 },
      { realisedVol: null, drawdown: null },
      { targetVol: Number.NaN },
      { targetVol: 0 },
      { drawdown: Number.NaN },
      { drawdown: 5 },
      { drawdown: -3 },
      { sentiment: Number.NaN, inputs: [ok('knowledge_snap')] },
      { sentiment: 1e9, inputs: [ok('knowledge_snap')] },
      { signals: [Number.NaN, Number.POSITIVE_INFINITY], validationScores: [Number.NaN, -5, 99] },
      { signals: [], validationScores: [] },
      { signals: [0, 0, 0] },
      { inputs: Array.from({ length: 40 }, (_, i) => ({ name: `x${i}`, status: 'invalid' as const, age_seconds: null })) },
    ];
    for (const n of nasty) {
      const b = computeBrain({ ...base, ...n });
      inRange(b);
      expect(Number.isFinite(b.risk_scaler) && Number.isFinite(b.confidence)).toBe(true);
    }
  });
});
