// @vitest-environment jsdom
/** The healthcare card: projects with measured quality and SIMULATED revenue, the Pima AUROCs with intervals, KM curves. */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, stubFetch } from '../test-utils.js';
import { HealthcareCard } from './HealthcareCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const projects = {
  updated_at: '2026-01-05T10:00:00.000Z',
  simulated: true,
  disclaimer: 'Research prototype on de-identified open data; not a medical device and not for clinical use.',
  projects: [
    { id: 'pima_risk', name: 'Diabetes outcome-risk model', area: 'clinical_analytics', dataset: 'Pima', status: 'revenue', validation_score: 0.847, monthly_revenue: 1234.5, metric: 'nested_cv_auroc', score_ci: { lo: 0.813, hi: 0.881, level: 0.95 }, commercial_floor: 0.75, launched_at: '2026-01-01T00:00:00.000Z', note: 'x' },
    { id: 'sepsis_early_warning', name: 'Sepsis early warning', area: 'clinical_analytics', dataset: 'PhysioNet', status: 'research', validation_score: null, monthly_revenue: 0, commercial_floor: 1, launched_at: null },
  ],
};

const iv = (lo: number, hi: number) => ({ lo, hi, level: 0.95 });
const models = {
  updated_at: '2026-01-05T10:00:00.000Z',
  evaluated_at: '2026-01-05T10:00:00.000Z',
  next_evaluation_at: '2026-01-12T10:00:00.000Z',
  data_fingerprint: 'f',
  runtime_ms: 9000,
  disclaimer: 'not for clinical use',
  pima: {
    headline: 'logistic_regression',
    models: [
      { model: 'logistic_regression', params: { steps: 300 }, n_train: 200, n_test: 332, auroc: 0.8659, auroc_ci: iv(0.8248, 0.9025), accuracy: 0.801, brier: 0.139, expected_calibration_error: 0.058, calibration: [], cv_auroc: 0.847, cv_auroc_ci: iv(0.813, 0.881), cv_folds: 5 },
    ],
    fitted: { logistic: { mean: [0], sd: [1], weights: [0, 1] }, gbt: { mean: [0], sd: [1], base: 0, learning_rate: 0.1, trees: [[{ leaf: 0 }]] } },
  },
  survival: [
    { dataset: 'colon', model: 'cox', endpoint: 'recurrence', n: 929, events: 468, hazard_ratios: { 'rxLev+5FU': { hr: 0.599, lower: 0.475, upper: 0.756 } }, concordance: 0.55, auroc: 0.57, brier: 0.24, km: [{ group: 'Obs', n: 315, events: 177, median: 1236, points: [[0, 1], [100, 0.9], [1236, 0.5]] }] },
  ],
  logistics: { reorder: { simulated: true, days: 365, fill_rate: 1, target_service: 0.95, reorder_point: 200, order_up_to: 1083 }, roster: { instances: 30, solved_valid: 30, nodes: 100 } },
};

describe('HealthcareCard', () => {
  it('shows each project with its measured score and interval, SIMULATED revenue, the AUROCs and a KM curve', async () => {
    stubFetch({ '/api/documents/healthcare_projects': ok(projects), '/api/documents/healthcare_models': ok(models) });
    render(<HealthcareCard />);
    const table = await screen.findByTestId('healthcare-projects');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('0.847 [0.813, 0.881]');
    expect(rows[1]!.textContent).toContain('SIMULATED');
    expect(rows[1]!.textContent).toContain('AUROC (nested 5-fold CV)');
    expect(rows[2]!.textContent).toContain('not measured');
    expect(screen.getByText(/not for clinical use/)).toBeTruthy();
    const m = await screen.findByTestId('healthcare-models');
    expect(within(m).getAllByRole('row')[1]!.textContent).toContain('0.866 [0.825, 0.902]');
    const km = screen.getByTestId('km-colon');
    expect(km.querySelector('path')!.getAttribute('d')).toBe('M0,0.0H25.9V16.0H320.0V80.0');
    expect(km.textContent).toContain('rxLev+5FU 0.599 [0.475, 0.756]');
  });

  it('explains the missing document before the agent has run', async () => {
    stubFetch({});
    render(<HealthcareCard />);
    expect(await screen.findByText(/healthcare_agent writes state\/healthcare_projects.json/)).toBeTruthy();
  });
});
