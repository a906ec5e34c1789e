/**
 * The healthcare projects document (state/healthcare_projects.json), pure: each prototype with its
 * measured quality from the model file, its status and its SIMULATED revenue of the last 30 days.
 * Status rule: research (nothing measured yet) → prototype (measured, below the commercial floor)
 * → pilot (clears the floor: the simulated pipeline opens, `launched_at` is kept from then on)
 * → revenue (simulated revenue booked in the last 30 days); a launched project whose score falls
 * below its floor is stopped (its pipeline takes no new clients).
 */
import type { DocOf } from '../../contracts/contract.js';
import type { healthcareProjects } from '../../contracts/ventures.js';
import type { ModelFile } from './model-file.js';

export type ProjectsDoc = DocOf<typeof healthcareProjects>;
export type Project = ProjectsDoc['projects'][number];
type Metric = NonNullable<Project['metric']>;

export interface ProjectDefinition {
  id: string;
  name: string;
  area: Project['area'];
  dataset: string;
  metric: Metric | null;
  floor: number;
  measure(m: ModelFile): { score: number; ci?: { lo: number; hi: number; level: number } } | null;
}

const survival = (m: ModelFile, d: 'colon' | 'pbc') => m.survival.find((s) => s.dataset === d);

export const PROJECTS: readonly ProjectDefinition[] = [
  {
    id: 'pima_risk',
    name: 'Diabetes outcome-risk model (logistic regression, boosted trees)',
    area: 'clinical_analytics',
    dataset: 'Pima diabetes (R MASS)',
    metric: 'nested_cv_auroc',
    floor: 0.75,
    measure: (m) => {
      const h = m.pima.models.find((x) => x.model === m.pima.headline);
      return h ? { score: h.cv_auroc, ci: h.cv_auroc_ci } : null;
    },
  },
  {
    id: 'colon_survival',
    name: 'Colon-cancer adjuvant trial: recurrence by treatment (Kaplan–Meier, Cox)',
    area: 'clinical_analytics',
    dataset: 'colon (R survival)',
    metric: 'heldout_concordance',
    floor: 0.65,
    measure: (m) => {
      const s = survival(m, 'colon');
      return s ? { score: s.concordance } : null;
    },
  },
  {
    id: 'pbc_survival',
    name: 'PBC trial: survival model on the Mayo covariates (Kaplan–Meier, Cox)',
    area: 'clinical_analytics',
    dataset: 'pbc (R survival)',
    metric: 'heldout_concordance',
    floor: 0.65,
    measure: (m) => {
      const s = survival(m, 'pbc');
      return s ? { score: s.concordance } : null;
    },
  },
  {
    id: 'supply_reorder',
    name: 'Clinic supply reorder optimiser ((s, S) with service level)',
    area: 'logistics',
    dataset: 'simulated clinic demand (seeded)',
    metric: 'simulated_fill_rate',
    floor: 0.95,
    measure: (m) => ({ score: m.logistics.reorder.fill_rate }),
  },
  {
    id: 'staff_roster',
    name: 'Staff roster scheduler (constraint solver)',
    area: 'logistics',
    dataset: 'generated clinic weeks (seeded)',
    metric: 'solved_share',
    floor: 0.99,
    measure: (m) => ({ score: m.logistics.roster.instances === 0 ? 0 : m.logistics.roster.solved_valid / m.logistics.roster.instances }),
  },
  {
    id: 'sepsis_early_warning',
    name: 'Sepsis early warning (PhysioNet 2019 layout loader; data not shipped)',
    area: 'clinical_analytics',
    dataset: 'PhysioNet 2019 challenge layout (download separately; MIMIC never used)',
    metric: null,
    floor: 1,
    measure: () => null,
  },
];

export interface ProjectState {
  score: number | null;
  ci?: { lo: number; hi: number; level: number };
  launchedAt: string | null;
  status: Project['status'];
  note: string;
}

/** Status and launch of one project from its score, its previous launch and its recent revenue (pure). */
export function projectState(def: ProjectDefinition, measured: ReturnType<ProjectDefinition['measure']>, previousLaunch: string | null, revenue30dCents: number, now: number): ProjectState {
  const score = measured?.score ?? null;
  const base = { score, ...(measured?.ci ? { ci: measured.ci } : {}) };
  if (score === null) return { ...base, launchedAt: previousLaunch, status: 'research', note: def.metric === null ? 'no shipped data to measure on: the loader is tested on generated files' : 'not measured yet' };
  const clears = score >= def.floor;
  if (!clears) {
    return previousLaunch
      ? { ...base, launchedAt: previousLaunch, status: 'stopped', note: `score ${score.toFixed(3)} fell below the floor ${def.floor}: the simulated pipeline takes no new clients` }
      : { ...base, launchedAt: null, status: 'prototype', note: `score ${score.toFixed(3)} is below the commercial floor ${def.floor}` };
  }
  const launchedAt = previousLaunch ?? new Date(now).toISOString();
  return revenue30dCents > 0
    ? { ...base, launchedAt, status: 'revenue', note: 'clears the floor; SIMULATED pipeline booking revenue' }
    : { ...base, launchedAt, status: 'pilot', note: 'clears the floor; SIMULATED pipeline open, no revenue booked yet' };
}

export function projectsDocument(m: ModelFile, previous: ProjectsDoc | undefined, revenue30dCents: ReadonlyMap<string, number>, now: number, disclaimer: string): ProjectsDoc {
  return {
    updated_at: new Date(now).toISOString(),
    simulated: true,
    disclaimer,
    projects: PROJECTS.map((def) => {
      const prev = previous?.projects.find((p) => p.id === def.id);
      const cents = revenue30dCents.get(def.id) ?? 0;
      const s = projectState(def, def.measure(m), prev?.launched_at ?? null, cents, now);
      return {
        id: def.id,
        name: def.name,
        area: def.area,
        dataset: def.dataset,
        status: s.status,
        validation_score: s.score === null ? null : Math.min(1, Math.max(0, s.score)),
        monthly_revenue: cents / 100,
        ...(def.metric ? { metric: def.metric } : {}),
        ...(s.ci ? { score_ci: s.ci } : {}),
        commercial_floor: def.floor,
        launched_at: s.launchedAt,
        note: s.note,
      };
    }),
  };
}
