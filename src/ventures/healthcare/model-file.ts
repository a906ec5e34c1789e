/**
 * The healthcare agent's model file (state/healthcare_models.json), pure: the evaluation's
 * figures and fitted models in the contract's shape, and when the file must be rebuilt — when it
 * is missing, the datasets changed, or the tuner's schedule (every `retuneMs` of market time) is due.
 */
import type { DocOf } from '../../contracts/contract.js';
import type { healthcareModels } from '../../contracts/ventures.js';
import type { PimaFigures } from './evaluate.js';
import type { KmCurve } from './kaplan-meier.js';
import type { SurvivalFigures } from './survival-model.js';
import type { rosterBenchmark, simulateFillRate } from './logistics-quality.js';

export type ModelFile = DocOf<typeof healthcareModels>;

/** Re-tune weekly in market time: the data are static, so this only guards against a stale file. */
export const RETUNE_MS = 7 * 86_400_000;

export function needsEvaluation(file: ModelFile | undefined, fingerprint: string, now: number): string | undefined {
  if (!file) return 'no model file yet';
  if (file.data_fingerprint !== fingerprint) return 'the datasets changed';
  if (now >= Date.parse(file.next_evaluation_at)) return 'the tuner’s schedule is due';
  return undefined;
}

/** The curve as [time, survival] at each event time, starting at [0, 1]. */
function kmPoints(c: KmCurve): [number, number][] {
  return [[0, 1], ...c.steps.filter((s) => s.events > 0).map((s): [number, number] => [s.time, s.survival])];
}

function survivalEntry(f: SurvivalFigures): ModelFile['survival'][number] {
  return {
    dataset: f.dataset,
    model: f.model,
    endpoint: f.endpoint,
    n: f.cox.n,
    events: f.cox.events,
    hazard_ratios: Object.fromEntries(Object.entries(f.hazard_ratios).map(([k, h]) => [k, { hr: h.hr, lower: h.lower, upper: h.upper }])),
    concordance: f.concordance,
    auroc: f.auroc,
    brier: f.brier,
    km: f.km.map((k) => ({ group: k.group, n: k.curve.n, events: k.curve.events, median: k.curve.median, points: kmPoints(k.curve) })),
  };
}

export interface ModelFileInput {
  pima: PimaFigures;
  colon: SurvivalFigures;
  pbc: SurvivalFigures;
  reorder: ReturnType<typeof simulateFillRate> & { days: number; targetService: number };
  roster: ReturnType<typeof rosterBenchmark>;
  fingerprint: string;
  disclaimer: string;
  runtimeMs: number;
}

export function modelFile(i: ModelFileInput, now: number): ModelFile {
  const { logistic, gbt } = i.pima.fitted;
  return {
    updated_at: new Date(now).toISOString(),
    evaluated_at: new Date(now).toISOString(),
    next_evaluation_at: new Date(now + RETUNE_MS).toISOString(),
    data_fingerprint: i.fingerprint,
    runtime_ms: i.runtimeMs,
    disclaimer: i.disclaimer,
    pima: {
      headline: i.pima.model,
      models: i.pima.models.map((m) => ({
        model: m.model,
        params: Object.fromEntries(Object.entries(m.params as Record<string, number>)),
        n_train: m.n_train,
        n_test: m.n_test,
        auroc: m.auroc,
        auroc_ci: { lo: m.auroc_ci.lo, hi: m.auroc_ci.hi, level: m.auroc_ci.level },
        accuracy: m.accuracy,
        brier: m.brier,
        expected_calibration_error: m.expected_calibration_error,
        calibration: m.calibration,
        cv_auroc: m.cross_validation.auroc,
        cv_auroc_ci: { lo: m.cross_validation.auroc_ci.lo, hi: m.cross_validation.auroc_ci.hi, level: m.cross_validation.auroc_ci.level },
        cv_folds: m.cross_validation.folds,
      })),
      fitted: {
        logistic: { mean: logistic.scaler.mean, sd: logistic.scaler.sd, weights: logistic.model.weights },
        gbt: { mean: gbt.scaler.mean, sd: gbt.scaler.sd, base: gbt.model.base, learning_rate: gbt.model.learningRate, trees: gbt.model.trees },
      },
    },
    survival: [survivalEntry(i.colon), survivalEntry(i.pbc)],
    logistics: {
      reorder: { simulated: true, days: i.reorder.days, fill_rate: i.reorder.fillRate, target_service: i.reorder.targetService, reorder_point: i.reorder.reorderPoint, order_up_to: i.reorder.orderUpTo },
      roster: { instances: i.roster.instances, solved_valid: i.roster.solvedValid, nodes: i.roster.nodes },
    },
  };
}
