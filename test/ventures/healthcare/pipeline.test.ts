import { describe, expect, it } from 'vitest';
import { needsEvaluation, RETUNE_MS, type ModelFile } from '../../../src/ventures/healthcare/model-file.js';
import { PROJECTS, projectState } from '../../../src/ventures/healthcare/projects.js';
import { dayRevenue, qualityFactor, type PipelineAssumptions } from '../../../src/ventures/healthcare/revenue-pipeline.js';
import { EXAMPLE_ITEM, simulateFillRate } from '../../../src/ventures/healthcare/logistics-quality.js';

describe('simulated healthcare revenue pipeline', () => {
  it('books hand-computed amounts when every draw succeeds', () => {
    // Signup and consulting certain, churn negligible: on day launch + k there are k + 1 clinics
    // at round(36 500 · 12 / 365) = 1 200 cents a day each; a 5-day engagement pays from day 5 on.
    const a: PipelineAssumptions = { saasMonthlyCents: 36_500, saasSignupPerDay: 1, saasChurnPerDay: 1e-9, consultingFeeCents: 250_000, consultingStartPerDay: 1, consultingDays: 5 };
    expect(dayRevenue(1, 'x', 100, 100, 1, a)).toEqual({ saasCents: 1_200, consultingCents: 0 });
    expect(dayRevenue(1, 'x', 100, 104, 1, a)).toEqual({ saasCents: 6_000, consultingCents: 0 });
    expect(dayRevenue(1, 'x', 100, 105, 1, a)).toEqual({ saasCents: 7_200, consultingCents: 250_000 });
    expect(dayRevenue(1, 'x', 100, 99, 1, a)).toEqual({ saasCents: 0, consultingCents: 0 });
    expect(dayRevenue(1, 'x', 100, 105, 0, a)).toEqual({ saasCents: 0, consultingCents: 0 });
  });

  it('is a pure function of seed, project and day, and more quality sells more', () => {
    const total = (seed: number, q: number) => {
      let c = 0;
      for (let d = 20_000; d < 20_365; d++) {
        const r = dayRevenue(seed, 'pima_risk', 20_000, d, q);
        c += r.saasCents + r.consultingCents;
      }
      return c;
    };
    expect(total(7, 0.4)).toBe(total(7, 0.4));
    expect(total(7, 0.4)).not.toBe(total(8, 0.4));
    expect(total(7, 0.9)).toBeGreaterThan(total(7, 0.2));
    expect(qualityFactor(0.85, 0.75)).toBeCloseTo(0.4, 12);
    expect(qualityFactor(0.7, 0.75)).toBe(0);
    expect(qualityFactor(null, 0.75)).toBe(0);
  });
});

describe('project status and the model file schedule', () => {
  const pima = PROJECTS.find((p) => p.id === 'pima_risk')!;
  const now = Date.parse('2025-05-01T00:00:00Z');
  it('research → prototype → pilot → revenue, and stopped when a launched score falls below the floor', () => {
    expect(projectState(pima, null, null, 0, now).status).toBe('research');
    expect(projectState(pima, { score: 0.7 }, null, 0, now)).toMatchObject({ status: 'prototype', launchedAt: null });
    expect(projectState(pima, { score: 0.8 }, null, 0, now)).toMatchObject({ status: 'pilot', launchedAt: '2025-05-01T00:00:00.000Z' });
    expect(projectState(pima, { score: 0.8 }, '2025-01-01T00:00:00.000Z', 5_000, now)).toMatchObject({ status: 'revenue', launchedAt: '2025-01-01T00:00:00.000Z' });
    expect(projectState(pima, { score: 0.7 }, '2025-01-01T00:00:00.000Z', 5_000, now).status).toBe('stopped');
  });

  it('re-evaluates when the file is missing, the data changed or the weekly schedule is due', () => {
    const file = { data_fingerprint: 'a', next_evaluation_at: new Date(now + RETUNE_MS).toISOString() } as ModelFile;
    expect(needsEvaluation(undefined, 'a', now)).toBe('no model file yet');
    expect(needsEvaluation(file, 'b', now)).toBe('the datasets changed');
    expect(needsEvaluation(file, 'a', now)).toBeUndefined();
    expect(needsEvaluation(file, 'a', now + RETUNE_MS)).toBe('the tuner’s schedule is due');
  });

  it('the example reorder policy meets its 95 % service target on a simulated year', () => {
    const r = simulateFillRate(EXAMPLE_ITEM, 365, 1);
    expect(r.fillRate).toBeGreaterThanOrEqual(0.95);
    // A policy with no safety stock and a long lead time must do worse: the simulation can fail.
    const poor = simulateFillRate({ ...EXAMPLE_ITEM, serviceLevel: 0.51, leadTimeDays: 10, orderCostCents: 1 }, 365, 1);
    expect(poor.fillRate).toBeLessThan(r.fillRate);
  });
});
