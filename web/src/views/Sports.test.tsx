// @vitest-environment jsdom
/** The Sports view: predictions with probabilities, accuracy target vs measured, the reliability curve with n, the book with SIMULATED labels. */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SportsSummary } from '../api/endpoints.js';
import { reliabilityPoints } from '../components/ReliabilityChart.js';
import { fail, ok, stubFetch } from '../test-utils.js';
import { SportsView } from './Sports.js';

vi.mock('lightweight-charts', () => ({
  AreaSeries: 'Area',
  LineSeries: 'Line',
  ColorType: { Solid: 'solid' },
  createChart: () => ({ addSeries: () => ({ setData: () => undefined, applyOptions: () => undefined }), timeScale: () => ({ fitContent: () => undefined }), applyOptions: () => undefined, remove: () => undefined }),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const T = '2026-11-29T12:00:00.000Z';
const summary: SportsSummary = {
  predictions: {
    updated_at: T,
    model: 'dixon_coles',
    fixtures_simulated: true,
    accuracy: { measured: 0.5312, target: 0.7, baseline: 0.4417 },
    brier: 0.5803,
    log_loss: 0.9821,
    matches: 3404,
    seasons: '2024-2025',
    calibration: [
      { from: 0.1, to: 0.2, n: 0, predicted: 0, observed: 0 },
      { from: 0.4, to: 0.5, n: 800, predicted: 0.45, observed: 0.47 },
      { from: 0.7, to: 0.8, n: 50, predicted: 0.75, observed: 0.7 },
    ],
    upcoming: [{ match_id: 'm-soon', league: 'F1', home: 'Lyon', away: 'Nice', kickoff: '2026-11-30T20:00:00.000Z', p_home: 0.452, p_draw: 0.251, p_away: 0.297 }],
    total_predictions: 3,
  },
  betting: {
    updated_at: T,
    simulated: true,
    bankroll: 1006.92,
    open_stake: 5,
    settled_bets: 3,
    total_staked: 17.33,
    profit: 6.92,
    commission: 0.75,
    yield: 0.3993,
    clv: 0.0279,
    beat_close: 0.5,
    clv_bets: [{ bet_id: 'b2', match_id: 'm2', venue: 'book_a_sim', selection: 'draw', decimal_odds: 3.1, closing_odds: 3.2, clv: 3.1 / 3.2 - 1, settled_at: T }],
    open_bets: [{ bet_id: 'b4', match_id: 'm-soon', venue: 'exchange_sim', selection: 'away', decimal_odds: 3.4, stake: 5, placed_at: T }],
    bankroll_curve: [
      { ts: '2026-11-28T17:00:00.000Z', bankroll: 1014.25 },
      { ts: '2026-11-28T19:00:00.000Z', bankroll: 1006.92 },
    ],
  },
  missing: [],
};

describe('SportsView', () => {
  it('shows probabilities, target vs measured accuracy, the reliability curve with n, and the SIMULATED book', async () => {
    stubFetch({ '/api/sports': ok(summary) });
    render(<SportsView />);
    const row = await screen.findByTestId('prediction-m-soon');
    expect(row.textContent).toContain('Lyon v Nice');
    expect(row.textContent).toContain('45.20%');
    expect(row.textContent).toContain('25.10%');
    expect(row.textContent).toContain('29.70%');
    expect(screen.getByTestId('sports-accuracy').textContent).toMatch(/^53\.12%.*3,404 real matches, seasons 2024-2025/);
    expect(screen.getByTestId('sports-target').textContent).toMatch(/^70\.00% \(the specification's figure; not a claim\)/);
    // Two non-empty bins drawn, each labelled with its n; the empty bin is left out.
    const chart = screen.getByTestId('sports-calibration');
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(chart.textContent).toContain('n 800');
    expect(chart.textContent).toContain('n 50');
    expect(within(screen.getByTestId('sports-calibration-table')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('sports-yield').textContent).toMatch(/^\+39\.93% of \$17\.33 staked on 3 settled bets SIMULATED/);
    expect(screen.getByTestId('sports-clv').textContent).toMatch(/^\+2\.79% · beat the close on 50\.00% of the latest bets SIMULATED/);
    expect(screen.getByTestId('sports-bankroll').textContent).toContain('SIMULATED');
    expect(screen.getByTestId('open-bet-b4').textContent).toContain('SIMULATED');
    const clv = within(screen.getByTestId('sports-clv-bets')).getAllByRole('row')[1]!;
    expect(clv.textContent).toContain('3.10');
    expect(clv.textContent).toContain('3.20');
    expect(clv.textContent).toContain('−3.13%');
    expect(screen.getByTestId('sports-bankroll-chart')).toBeTruthy();
  });

  it('explains each part the agents have not written yet', async () => {
    stubFetch({ '/api/sports': ok({ predictions: null, betting: null, missing: ['state/sports_predictions.json', 'state/sports_betting.json'] }) });
    render(<SportsView />);
    expect(await screen.findByText(/sports_analytics writes state\/sports_predictions.json/)).toBeTruthy();
    expect(screen.getByText(/sports_betting writes state\/sports_betting.json/)).toBeTruthy();
  });

  it('shows the API error instead of an empty view', async () => {
    stubFetch({ '/api/sports': fail(500, 'NL_ERR_INTERNAL', 'internal error') });
    render(<SportsView />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByTestId('sports-view')).toBeNull();
  });

  it('places bins by predicted (x) and observed (y) frequency and sizes them by n', () => {
    const [a, b] = reliabilityPoints([
      { from: 0, to: 0.1, n: 100, predicted: 0, observed: 1 },
      { from: 0.9, to: 1, n: 25, predicted: 1, observed: 0 },
    ]);
    expect([a?.x, a?.y, a?.r]).toEqual([30, 30, 8]);
    expect([b?.x, b?.y, b?.r]).toEqual([230, 230, 5]);
  });
});
