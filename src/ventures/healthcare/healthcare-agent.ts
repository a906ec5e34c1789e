/**
 * healthcare_agent: research prototypes on the shipped open clinical datasets, on the shared
 * venture lifecycle. Its only spending is time, so it has no budget and never asks to buy: the
 * lifecycle's opportunities are always empty (budget and risk checks then have nothing to gate).
 * - settle: books each finished day's SIMULATED consulting/SaaS revenue of every launched project
 *   (revenue-pipeline.ts; idempotency key per project, stream and day) into state/healthcare_revenue.csv;
 * - account: re-evaluates the models only when the model file is missing, the data changed or the
 *   tuner's weekly schedule is due (about ten seconds; every other cycle reads the file), then writes
 *   state/healthcare_projects.json with each project's measured quality and status.
 * Nothing here is clinical advice, and no patient data leaves the machine: the datasets are read
 * from local files and only aggregate figures are written.
 */
import { healthcareModels, healthcareProjects, healthcareRevenue } from '../../contracts/ventures.js';
import type { Mode } from '../../contracts/contract.js';
import type { AgentContext } from '../../core/agent.js';
import { cvGridSearch } from '../../intelligence/tuner/cv-grid.js';
import { ventureAgent, type VentureCycle } from '../shared/agent.js';
import { datasetFingerprint, HEALTH_DATA_DIR, loadColon, loadPbc } from './datasets.js';
import { evaluatePima, NOT_CLINICAL } from './evaluate.js';
import { EXAMPLE_ITEM, rosterBenchmark, simulateFillRate } from './logistics-quality.js';
import { modelFile, needsEvaluation, type ModelFile } from './model-file.js';
import { PROJECTS, projectsDocument } from './projects.js';
import { DAY_MS, dayRevenue, qualityFactor } from './revenue-pipeline.js';
import { evaluateColon, evaluatePbc } from './survival-model.js';

/** Most days booked in one cycle after a long stop, so one cycle stays short. */
const MAX_CATCH_UP_DAYS = 400;

/** Healthcare revenue is always simulated: rows never carry `live`, whatever mode the mesh runs in. */
export function rowMode(mode: Mode): Exclude<Mode, 'live'> {
  return mode === 'live' ? 'sim' : mode;
}

export function evaluateAll(now: number, dir = HEALTH_DATA_DIR): ModelFile {
  const t0 = performance.now();
  const pima = evaluatePima(cvGridSearch, dir);
  const colon = evaluateColon(loadColon(dir));
  const pbc = evaluatePbc(loadPbc(dir));
  const days = 365;
  const reorder = { ...simulateFillRate(EXAMPLE_ITEM, days, 1), days, targetService: EXAMPLE_ITEM.serviceLevel };
  const roster = rosterBenchmark(30, 1);
  return modelFile({ pima, colon, pbc, reorder, roster, fingerprint: datasetFingerprint(dir), disclaimer: NOT_CLINICAL, runtimeMs: Math.round(performance.now() - t0) }, now);
}

function healthcareCycle(ctx: AgentContext, dir: string): VentureCycle {
  const ledger = ctx.store.ledger(healthcareRevenue);
  /** Last day whose revenue is booked, per project (from the ledger at start; idempotent keys cover overlaps). */
  const bookedThrough = new Map<string, number>();
  for (const r of ledger.readAll()) {
    const day = Number(r.key.split(':').at(-1));
    if (Number.isInteger(day)) bookedThrough.set(r.project_id, Math.max(bookedThrough.get(r.project_id) ?? -Infinity, day));
  }

  const modelFileNow = (now: number): ModelFile => {
    const current = ctx.store.get(healthcareModels);
    const why = needsEvaluation(current, datasetFingerprint(dir), now);
    if (!why && current) return current;
    const file = evaluateAll(now, dir);
    ctx.store.write(healthcareModels, file);
    ctx.log.info({ reason: why, runtime_ms: file.runtime_ms }, 'healthcare models evaluated');
    return file;
  };

  return {
    async settle(c) {
      const projects = ctx.store.get(healthcareProjects);
      if (!projects) return;
      const today = Math.floor(c.now / DAY_MS);
      for (const p of projects.projects) {
        if (!p.launched_at || p.status === 'stopped') continue;
        const def = PROJECTS.find((d) => d.id === p.id);
        const quality = qualityFactor(p.validation_score, def?.floor ?? 1);
        const launchDay = Math.floor(Date.parse(p.launched_at) / DAY_MS);
        const from = Math.max(launchDay, (bookedThrough.get(p.id) ?? launchDay - 1) + 1, today - MAX_CATCH_UP_DAYS);
        const rows: { key: string; row: { ts: string; mode: Mode; project_id: string; stream: 'saas' | 'consulting'; amount: number } }[] = [];
        for (let day = from; day < today; day++) {
          const r = dayRevenue(ctx.config.seed, p.id, launchDay, day, quality);
          const ts = new Date((day + 1) * DAY_MS).toISOString();
          const mode = rowMode(ctx.config.mode);
          if (r.saasCents > 0) rows.push({ key: `healthcare:${p.id}:saas:${day}`, row: { ts, mode, project_id: p.id, stream: 'saas', amount: r.saasCents / 100 } });
          if (r.consultingCents > 0) rows.push({ key: `healthcare:${p.id}:consulting:${day}`, row: { ts, mode, project_id: p.id, stream: 'consulting', amount: r.consultingCents / 100 } });
        }
        if (rows.length) ledger.append(rows);
        if (from < today) bookedThrough.set(p.id, today - 1);
      }
    },
    // No money at work and none spent: time is this venture's only cost.
    book: () => ({ committedCents: 0, realizedCents: 0 }),
    opportunities: async () => [],
    revive: async () => undefined,
    acted: () => false,
    async act() {
      throw new Error('healthcare_agent never spends money, so it has nothing to act on');
    },
    async account(c) {
      const file = modelFileNow(c.now);
      const since = new Date(c.now - 30 * DAY_MS).toISOString();
      const cents = new Map<string, number>();
      for (const r of ledger.readAll()) if (r.ts > since) cents.set(r.project_id, (cents.get(r.project_id) ?? 0) + Math.round(r.amount * 100));
      ctx.store.write(healthcareProjects, projectsDocument(file, ctx.store.get(healthcareProjects), cents, c.now, NOT_CLINICAL));
    },
  };
}

export const healthcareAgent = ventureAgent({
  name: 'healthcare_agent',
  description: 'Healthcare research prototypes on open datasets (risk model, survival, reorder optimiser, roster solver) with a SIMULATED consulting/SaaS pipeline; not for clinical use.',
  defaults: { approvalAboveUsd: 0, approvalTtlHours: 24, itemCapUsd: 0.01, minMargin: 0, intervalSeconds: 3600 },
  consumes: [],
  produces: [healthcareModels, healthcareProjects, healthcareRevenue],
  needs: [],
  approvalKind: 'healthcare_none',
  create: (ctx) => healthcareCycle(ctx, HEALTH_DATA_DIR),
});
