// @vitest-environment jsdom
/** The Capital view: budgets with their reasons, exposures against limits, hedges proposed and executed (the hedge book) and each agent's halt state. */
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
    { factor: 'SPY', beta: 1.19, unhedged_beta: 1.19, limit: 1, close_below: 0.7, contributions: { QQQ: 1.19 } },
    { factor: 'BTC-USD', beta: 0.1, unhedged_beta: 0.1, limit: 0.5, close_below: 0.35, contributions: {} },
  ],
  proposals: [{ id: 'hedge-SPY-2026-03-16', factor: 'SPY', instrument: 'SPY', side: 'sell', notional: 2_875, beta_before: 1.19, beta_after: 0.9, estimated_cost: 0.9, reason: 'over', status: 'queued' }],
};
const changes = {
  rows: [
    { seq: 1, key: 'a', ts: '2026-03-09T15:00:00.000Z', agent: 'luxury_agent', from_budget: 0, to_budget: 500, score: 0, periods: 0, reason: 'floor' },
    { seq: 2, key: 'b', ts: '2026-03-16T15:00:00.000Z', agent: 'luxury_agent', from_budget: 500, to_budget: 640, score: 0, periods: 1, reason: 'floor' },
  ],
};

const emptyBook = { updated_at: T, simulated: false, open: [], closed: [], pnl_cents: 0, realized_cents: 0, unrealized_cents: 0, fee_cents: 0, borrow_cents: 0 };
const agent = (name: string, halted: boolean | null) => ({ name, state: 'running', pid: 1, restarts: 0, last_heartbeat: T, last_error: null, halted }) as never;

describe('Capital view', () => {
  it('shows budgets with reasons, frozen while halted, exposures against limits, the queued hedge and every capital agent halted', async () => {
    stubFetch({ '/api/documents/capital_budgets': ok(budgets), '/api/documents/hedge_proposals': ok(hedges), '/api/documents/hedge_book': ok(emptyBook), '/api/ledgers/capital_budget_changes': ok(changes) });
    const status = sampleStatus({ agents: [agent('smart_trader', true), agent('luxury_agent', true), agent('intelligence_orchestrator', null)] }, null, { trading_state: 'HALTED', reasons: ['DRAWDOWN_HALT'], details: [], exposure_cap: 0 });
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
    expect(screen.getByTestId('halt-luxury_agent').textContent).toMatch(/halted/);
    // An agent that spends no capital has no halt state to show.
    expect(screen.queryByTestId('halt-intelligence_orchestrator')).toBeNull();
    expect(await screen.findByText('No open hedge')).toBeTruthy();
  });

  it('shows the executed hedge, the open and closed shorts with P&L, borrow and fees, labelled SIMULATED', async () => {
    const executed = {
      ...hedges,
      exposures: [{ factor: 'SPY', beta: 0.905, unhedged_beta: 1.4, limit: 1, close_below: 0.7, contributions: { QQQ: 1.125, SPY: 0.275, hedge_book: -0.495 } }],
      proposals: [{ ...hedges.proposals[0], id: 'hedge-SPY-2026-03-16T15', notional: 5_000, status: 'executed' }],
    };
    const book = {
      updated_at: T,
      simulated: true,
      open: [{ id: 'hedge-SPY-2026-03-16T15', instrument: 'SPY', qty: 9, entry_price: 549.95, opened_at: T, mark_price: 550, unrealized_cents: -45, fee_cents: 49, borrow_cents: 8 }],
      closed: [{ id: 'hedge-SPY-2026-03-09T15', instrument: 'SPY', qty: 10, entry_price: 499.95, exit_price: 490.05, opened_at: T, closed_at: T, fee_cents: 99, borrow_cents: 12, realized_cents: 9_789 }],
      pnl_cents: 9_687,
      realized_cents: 9_732,
      unrealized_cents: -45,
      fee_cents: 148,
      borrow_cents: 20,
    };
    stubFetch({ '/api/documents/capital_budgets': ok(budgets), '/api/documents/hedge_proposals': ok(executed), '/api/documents/hedge_book': ok(book), '/api/ledgers/capital_budget_changes': ok(changes) });
    render(
      <StaticLive value={{ status: sampleStatus() }}>
        <Capital />
      </StaticLive>,
    );
    expect((await screen.findByTestId('hedges-table')).textContent).toMatch(/sell SPY.*\$5,000\.00.*executed in the hedge book/);
    expect(screen.getByTestId('unhedged-SPY').textContent).toMatch(/unhedged 1\.40 · hedges close at ≤ 0\.70/);
    const open = await screen.findByTestId('open-hedge-hedge-SPY-2026-03-16T15');
    expect(open.textContent).toMatch(/SPY9\$549\.95 → \$550\.00-\$0\.45\$0\.08\$0\.49/);
    expect(screen.getByTestId('closed-hedge-hedge-SPY-2026-03-09T15').textContent).toMatch(/\$499\.95 → \$490\.05\$97\.89\$0\.12\$0\.99/);
    const totals = screen.getByTestId('hedge-book-totals').textContent!;
    expect(totals).toMatch(/P&L \$96\.87 \(realised \$97\.32, open -\$0\.45\) · borrow \$0\.20 · fees \$1\.48/);
    expect(totals).toContain('SIMULATED');
  });

  it('shows every scheduled tuning run, adopted or rejected, with its figures and the parameters in force', async () => {
    const tuning = {
      rows: [
        { seq: 1, key: 'r1', ts: '2026-03-09T15:00:00.000Z', strategy: 'sma-cross', symbol: 'SPY', current_params: '', candidate_params: 'fast=10 slow=50', current_oos: '', candidate_oos: 0.41, margin: 0.1, decision: 'adopted', reason: 'nothing in force' },
        { seq: 2, key: 'r2', ts: '2026-03-16T15:00:00.000Z', strategy: 'sma-cross', symbol: 'SPY', current_params: 'fast=10 slow=50', candidate_params: 'fast=20 slow=100', current_oos: 0.4, candidate_oos: 0.45, margin: 0.1, decision: 'rejected', reason: 'gain 0.05 < margin 0.10' },
      ],
    };
    const tuned = { updated_at: T, strategy: 'sma-cross', params: { fast: 10, slow: 50 }, symbol: 'SPY', simulated: true, in_sample_score: 0.9, out_of_sample_score: 0.41, degradation: 0.49, windows: 4 };
    stubFetch({ '/api/documents/capital_budgets': ok(budgets), '/api/documents/hedge_proposals': ok(hedges), '/api/documents/hedge_book': ok(emptyBook), '/api/ledgers/capital_budget_changes': ok(changes), '/api/ledgers/tuning_decisions': ok(tuning), '/api/documents/tuned_parameters': ok(tuned) });
    render(
      <StaticLive value={{ status: sampleStatus() }}>
        <Capital />
      </StaticLive>,
    );
    expect((await screen.findByTestId('tuning-2')).textContent).toMatch(/rejected.*fast=10 slow=50 → fast=20 slow=100.*0\.40 \/ 0\.45.*0\.10.*gain 0\.05 < margin 0\.10/);
    expect(screen.getByTestId('tuning-1').textContent).toMatch(/adopted.*— → fast=10 slow=50.*— \/ 0\.41/);
    const inForce = await screen.findByTestId('tuning-in-force');
    expect(inForce.textContent).toMatch(/sma-cross fast=10 slow=50 on SPY · out of sample 0\.41/);
    expect(inForce.textContent).toContain('SIMULATED');
  });

  it('draws one budget line per agent from the change ledger', () => {
    const s = budgetSeries(changes.rows);
    expect(s.map((x) => [x.title, x.points.map((p) => p.value)])).toEqual([['luxury_agent', [500, 640]]]);
  });
});
