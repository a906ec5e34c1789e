/**
 * healthcare_agent on the mesh runtime with a manual clock: the first cycle evaluates the models
 * into the model file and writes the projects with measured quality; later cycles reuse the file,
 * book each finished day's SIMULATED revenue once (idempotency keys, also across a restart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { healthcareModels, healthcareProjects, healthcareRevenue } from '../../../src/contracts/ventures.js';
import { manualClock, MS } from '../../../src/core/clock.js';
import { portsFor } from '../../../src/mesh/ports.js';
import { runAgent } from '../../../src/mesh/runtime.js';
import { openFileStore } from '../../../src/store/file-store.js';
import { healthcareAgent, rowMode } from '../../../src/ventures/healthcare/healthcare-agent.js';
import { DAY_MS, dayRevenue, qualityFactor } from '../../../src/ventures/healthcare/revenue-pipeline.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-health-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('healthcare_agent', () => {
  it('measures, lists the projects, then books simulated revenue once per day', async () => {
    const config = loadConfig({ home, logLevel: 'silent', seed: 42 }, {});
    const ports = await portsFor(config);
    const t0 = Date.parse('2025-03-03T15:00:00Z');
    const clock = manualClock(t0);
    const run = () => runAgent(healthcareAgent, { config, ports, once: true, clock });
    expect(await run()).toBe(0);
    const store = openFileStore(home);
    const models = store.get(healthcareModels)!;
    expect(models.pima.models.map((m) => m.model)).toEqual(['logistic_regression', 'gradient_boosted_trees']);
    expect(models.disclaimer).toMatch(/not for clinical use/);
    const doc = store.get(healthcareProjects)!;
    expect(doc.simulated).toBe(true);
    const byId = Object.fromEntries(doc.projects.map((p) => [p.id, p]));
    expect(byId.pima_risk!.validation_score).toBeCloseTo(models.pima.models[0]!.cv_auroc, 12);
    expect(byId.pima_risk!.status).toBe('pilot');
    expect(byId.pima_risk!.score_ci!.lo).toBeLessThan(byId.pima_risk!.validation_score!);
    // Treatment alone hardly predicts recurrence: measured, below the floor, so no pipeline.
    expect(byId.colon_survival!.status).toBe('prototype');
    expect(byId.pbc_survival!.status).toBe('pilot');
    expect(byId.sepsis_early_warning!.status).toBe('research');
    expect(byId.sepsis_early_warning!.validation_score).toBeNull();
    console.log(doc.projects.map((p) => `${p.id}: ${p.status} ${p.validation_score?.toFixed(3)} (${p.metric ?? '-'})`).join('\n'));
    expect(store.ledger(healthcareRevenue).count()).toBe(0);

    // 45 days later: every finished day since launch is booked; the model file was re-tuned on schedule.
    clock.advance(45 * DAY_MS);
    expect(await run()).toBe(0);
    const rows = store.ledger(healthcareRevenue).readAll();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.every((r) => r.mode === 'sim')).toBe(true);
    expect(new Set(rows.map((r) => r.project_id)).has('colon_survival')).toBe(false);
    // Independent recomputation of the pima project's ledger from the pure pipeline.
    const pima = byId.pima_risk!;
    const launch = Math.floor(Date.parse(pima.launched_at!) / DAY_MS);
    const q = qualityFactor(pima.validation_score, pima.commercial_floor!);
    let expected = 0;
    for (let d = launch; d < Math.floor(clock.now() / DAY_MS); d++) {
      const r = dayRevenue(42, 'pima_risk', launch, d, q);
      expected += r.saasCents + r.consultingCents;
    }
    const booked = rows.filter((r) => r.project_id === 'pima_risk').reduce((a, r) => a + Math.round(r.amount * 100), 0);
    expect(booked).toBe(expected);

    // A restart on the same clock books nothing twice.
    const before = rows.length;
    expect(await run()).toBe(0);
    expect(store.ledger(healthcareRevenue).count()).toBe(before);
    const after = store.get(healthcareProjects)!;
    const last30 = rows.filter((r) => r.project_id === 'pima_risk' && r.ts > new Date(clock.now() - 30 * DAY_MS).toISOString()).reduce((a, r) => a + Math.round(r.amount * 100), 0);
    expect(after.projects.find((p) => p.id === 'pima_risk')!.monthly_revenue).toBe(last30 / 100);
    if (last30 > 0) expect(after.projects.find((p) => p.id === 'pima_risk')!.status).toBe('revenue');
    expect(MS.hour).toBe(3_600_000);
  }, 120_000);

  it('never labels a row live', () => {
    expect(rowMode('live')).toBe('sim');
    expect(rowMode('backtest')).toBe('backtest');
  });
});
