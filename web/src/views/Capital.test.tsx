// @vitest-environment jsdom
/** The Capital view: budgets with their reasons, exposures against limits, proposed hedges and each agent's halt state. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticLive } from '../live.js';
import { ok, sampleStatus, stubFetch } from '../test-utils.js';
import { budgetSeries, Capital } from './Capital.js';

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

const T = '2026-03-16T15:00:00.000Z';
const budgets = {
  updated_at: T,
  next_rebalance_at: '2026-03-23T15:00:00.000Z',
  period_days: 7,
  total_wealth: 12_800,
  simulated: true,
  halted: true,
  agents: {
    smart_trader: { budget: 6_400, share: 0.5, floor: 0.5, cap: 1, returns: [], cum_profit: 2_000, score: 0, frozen: true, reason: 'halted: budget frozen' },
    luxury_agent: { budget: 640, share: 0.05, floor: 0.05, cap: 0.4, returns: [0.1], cum_profit: 800, score: 0, frozen: true, reason: 'halted: budget frozen' },
  },
};
const hedges = {
  updated_at: T,
  simulated: true,
  regime: 'stressed',
  total_wealth: 12_800,
  exposures: [
    { factor: 'SPY', beta: 1.19, limit: 1, contributions: { QQQ: 1.19 } },
    { factor: 'BTC-USD', beta: 0.1, limit: 0.5, contributions: {} },
  ],
  proposals: [{ id: 'hedge-SPY-2026-03-16', factor: 'SPY', instrument: 'SPY', side: 'sell', notional: 2_875, beta_before: 1.19, beta_after: 0.9, estimated_cost: 0.9, reason: 'over', status: 'queued' }],
};
const changes = {
  rows: [
    { seq: 1, key: 'a', ts: '2026-03-09T15:00:00.000Z', agent: 'luxury_agent', from_budget: 0, to_budget: 500, score: 0, periods: 0, reason: 'floor' },
    { seq: 2, key: 'b', ts: '2026-03-16T15:00:00.000Z', agent: 'luxury_agent', from_budget: 500, to_budget: 640, score: 0, periods: 1, reason: 'floor' },
  ],
};

describe('Capital view', () => {
  it('shows budgets with reasons, frozen while halted, exposures against limits, the queued hedge and every capital agent halted', async () => {
    stubFetch({ '/api/documents/capital_budgets': ok(budgets), '/api/documents/hedge_proposals': ok(hedges), '/api/ledgers/capital_budget_changes': ok(changes) });
    const status = sampleStatus({ agents: [{ name: 'smart_trader', state: 'running', pid: 1, restarts: 0, last_heartbeat: T, last_error: null } as never] }, null, { trading_state: 'HALTED', reasons: ['DRAWDOWN_HALT'], details: [], exposure_cap: 0 });
    render(
      <StaticLive value={{ status }}>
        <Capital />
      </StaticLive>,
    );
    expect((await screen.findByTestId('budget-row-luxury_agent')).textContent).toMatch(/\$640\.00.*frozen|frozen.*\$640\.00/);
    expect(screen.getByTestId('capital-frozen')).toBeTruthy();
    expect((await screen.findByTestId('exposure-SPY')).textContent).toContain('1.19 / 1.00');
    expect(screen.getByTestId('hedges-table').textContent).toMatch(/sell SPY.*\$2,875\.00.*waiting for approval/);
    expect(screen.getByTestId('halt-smart_trader').textContent).toMatch(/halted/);
  });

  it('draws one budget line per agent from the change ledger', () => {
    const s = budgetSeries(changes.rows);
    expect(s.map((x) => [x.title, x.points.map((p) => p.value)])).toEqual([['luxury_agent', [500, 640]]]);
  });
});
