// @vitest-environment jsdom
/** The Overview's monthly heatmap and worst drawdowns: rendered as the API serves them, or why they are missing. */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, stubFetch } from '../test-utils.js';
import { PeriodsCard } from './PeriodsCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const periods = {
  mode: 'sim',
  simulated: true,
  days: 40,
  first_day: '2025-11-20',
  last_day: '2026-02-02',
  monthly_returns: [
    { month: '2025-11', return: 0.012 },
    { month: '2025-12', return: -0.034 },
    { month: '2026-01', return: 0.05 },
    { month: '2026-02', return: 0.001 },
  ],
  yearly_returns: [
    { year: 2025, return: -0.0224 },
    { year: 2026, return: 0.05105 },
  ],
  worst_drawdowns: [{ start: '2025-12-03', valley: '2025-12-19', recovery: null, depth: 0.061, days: 61 }],
};

describe('PeriodsCard', () => {
  it('draws a year-by-month heatmap and the worst drawdowns from the API’s figures', async () => {
    stubFetch({ '/api/performance/periods': ok(periods) });
    render(<PeriodsCard />);
    const heat = await screen.findByTestId('monthly-heatmap');
    const rows = within(heat).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'YearJanFebMarAprMayJunJulAugSepOctNovDecYear',
      '2025+1.20%−3.40%−2.24%',
      '2026+5.00%+0.10%+5.11%',
    ]);
    const dd = screen.getByTestId('worst-drawdowns');
    expect(within(dd).getAllByRole('row')[1]!.textContent).toBe('2025-12-032025-12-19not yet6.10%61');
    expect(screen.getByText(/Simulated/)).toBeTruthy();
  });

  it('explains the missing ledger, and refuses an answer that breaks the contract', async () => {
    stubFetch({});
    render(<PeriodsCard />);
    expect(await screen.findByText(/state\/performance_metrics.csv/)).toBeTruthy();
    cleanup();
    stubFetch({ '/api/performance/periods': ok({ ...periods, monthly_returns: [{ month: '2025-11', return: '1%' }] }) });
    render(<PeriodsCard />);
    expect(await screen.findByText(/monthly_returns/)).toBeTruthy();
    expect(screen.queryByTestId('monthly-heatmap')).toBeNull();
  });
});
