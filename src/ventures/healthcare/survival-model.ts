/**
 * Survival evaluations of the two trials, pure given their rows:
 * - colon: recurrence (etype 1) by treatment arm — Kaplan–Meier per arm and a Cox model on the
 *   arm alone, the model whose hazard ratios the data README gives (0.985 Lev, 0.599 Lev+5FU);
 * - pbc: death (status 2; a transplant counts as censored) — Kaplan–Meier per randomised arm and
 *   the Mayo model's covariates (age, edema, log bilirubin, log albumin, log prothrombin time).
 * Hazard ratios come from a fit on every row. Predictive figures come from a seeded stratified
 * 70/30 split: the Cox model fitted on the training part predicts the risk of an event by a
 * horizon (Breslow baseline) for the test part; AUROC, accuracy and Brier are taken over test
 * subjects whose status at the horizon is known (those censored earlier are left out, stated in
 * `n_test_known`), and Harrell's concordance over all test subjects.
 */
import { seededRandom } from '../../market/rng.js';
import { accuracy, auroc, brier } from './classification-metrics.js';
import { fitCox, type CoxFit, type CoxSubject } from './cox.js';
import { COLON_ARMS, type ColonRow, type PbcRow } from './datasets.js';
import { kaplanMeier, type KmCurve } from './kaplan-meier.js';

export interface SurvivalFigures {
  dataset: 'colon' | 'pbc';
  model: string;
  endpoint: string;
  horizon_days: number;
  n_train: number;
  n_test: number;
  n_test_known: number;
  auroc: number;
  accuracy: number;
  brier: number;
  concordance: number;
  hazard_ratios: Record<string, { hr: number; lower: number; upper: number; p_coef_se: number }>;
  cox: CoxFit;
  km: { group: string; curve: KmCurve }[];
}

/** Breslow cumulative baseline hazard at `t` of a fitted Cox model. */
export function breslowHazard(subjects: readonly CoxSubject[], coef: readonly number[], t: number): number {
  const risk = subjects.map((s) => Math.exp(s.x.reduce((a, v, j) => a + v * coef[j]!, 0)));
  const times = [...new Set(subjects.filter((s) => s.event && s.time <= t).map((s) => s.time))];
  let h = 0;
  for (const u of times) {
    let d = 0;
    let r = 0;
    subjects.forEach((s, i) => {
      if (s.time >= u) r += risk[i]!;
      if (s.time === u && s.event) d++;
    });
    h += d / r;
  }
  return h;
}

/** Harrell's C: among comparable pairs (the earlier time an event), the share ordered by risk. */
export function concordance(subjects: readonly CoxSubject[], risk: readonly number[]): number {
  let conc = 0;
  let pairs = 0;
  for (let i = 0; i < subjects.length; i++) {
    if (!subjects[i]!.event) continue;
    for (let j = 0; j < subjects.length; j++) {
      if (subjects[j]!.time <= subjects[i]!.time) continue;
      pairs++;
      conc += risk[i]! > risk[j]! ? 1 : risk[i] === risk[j] ? 0.5 : 0;
    }
  }
  return conc / pairs;
}

/** Seeded split keeping the event rate: 70 % of each class to training. */
function splitByEvent(subjects: readonly CoxSubject[], seed: number): { train: CoxSubject[]; test: CoxSubject[] } {
  const rand = seededRandom(seed);
  const train: CoxSubject[] = [];
  const test: CoxSubject[] = [];
  for (const ev of [true, false]) {
    const group = subjects.filter((s) => s.event === ev);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    const cut = Math.round(group.length * 0.7);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}

function evaluateSurvival(o: { dataset: 'colon' | 'pbc'; model: string; endpoint: string; horizon: number; names: string[]; subjects: CoxSubject[]; km: { group: string; curve: KmCurve }[]; seed: number }): SurvivalFigures {
  const cox = fitCox(o.subjects, o.names);
  const { train, test } = splitByEvent(o.subjects, o.seed);
  const fit = fitCox(train, o.names);
  const h0 = breslowHazard(train, fit.coef, o.horizon);
  const lp = test.map((s) => s.x.reduce((a, v, j) => a + v * fit.coef[j]!, 0));
  const pEvent = lp.map((z) => 1 - Math.exp(-h0 * Math.exp(z)));
  const known = test.flatMap((s, i): { p: number; y: 0 | 1 }[] => (s.event && s.time <= o.horizon ? [{ p: pEvent[i]!, y: 1 }] : s.time > o.horizon ? [{ p: pEvent[i]!, y: 0 }] : []));
  const p = known.map((k) => k.p);
  const y = known.map((k) => k.y);
  const hazard_ratios: SurvivalFigures['hazard_ratios'] = {};
  o.names.forEach((name, j) => (hazard_ratios[name] = { hr: cox.hazard_ratio[j]!, lower: cox.hr_lower[j]!, upper: cox.hr_upper[j]!, p_coef_se: cox.coef[j]! / cox.std_err[j]! }));
  return {
    dataset: o.dataset,
    model: o.model,
    endpoint: o.endpoint,
    horizon_days: o.horizon,
    n_train: train.length,
    n_test: test.length,
    n_test_known: known.length,
    auroc: auroc(p, y),
    accuracy: accuracy(p, y),
    brier: brier(p, y),
    concordance: concordance(test, lp),
    hazard_ratios,
    cox,
    km: o.km,
  };
}

const FIVE_YEARS_DAYS = 1826;

export function evaluateColon(rows: readonly ColonRow[], seed = 20190101): SurvivalFigures {
  const rec = rows.filter((r) => r.etype === 1);
  const subjects = rec.map((r) => ({ time: r.time, event: r.status === 1, x: [r.rx === 'Lev' ? 1 : 0, r.rx === 'Lev+5FU' ? 1 : 0] }));
  const km = COLON_ARMS.map((arm) => ({ group: arm, curve: kaplanMeier(rec.filter((r) => r.rx === arm).map((r) => ({ time: r.time, event: r.status === 1 }))) }));
  return evaluateSurvival({ dataset: 'colon', model: 'cox_ph_efron(rx)', endpoint: 'recurrence (etype 1)', horizon: FIVE_YEARS_DAYS, names: ['rxLev', 'rxLev+5FU'], subjects, km, seed });
}

export const PBC_COVARIATES = ['age', 'edema', 'log(bili)', 'log(albumin)', 'log(protime)'];

export function evaluatePbc(rows: readonly PbcRow[], seed = 20190101): SurvivalFigures {
  const complete = rows.filter((r): r is PbcRow & { protime: number } => r.protime !== null);
  const subjects = complete.map((r) => ({ time: r.time, event: r.status === 2, x: [r.age, r.edema, Math.log(r.bili), Math.log(r.albumin), Math.log(r.protime)] }));
  const km = ([1, 2] as const).map((trt) => ({ group: trt === 1 ? 'D-penicillamine' : 'placebo', curve: kaplanMeier(rows.filter((r) => r.trt === trt).map((r) => ({ time: r.time, event: r.status === 2 }))) }));
  return evaluateSurvival({ dataset: 'pbc', model: 'cox_ph_efron(mayo)', endpoint: 'death (status 2; transplant censored)', horizon: FIVE_YEARS_DAYS, names: PBC_COVARIATES, subjects, km, seed });
}
