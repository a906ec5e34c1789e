// @vitest-environment jsdom
/** Each view's empty state (nothing written yet) and error state (API down / failing). */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticLive } from '../live.js';
import { down, fail, ok, sampleStatus, stubFetch } from '../test-utils.js';
import { Agents } from './Agents.js';
import { Approvals } from './Approvals.js';
import { Overview } from './Overview.js';
import { Portfolio } from './Portfolio.js';
import { RevenueView } from './Revenue.js';

// jsdom has no canvas: record what would be drawn instead of drawing it.
const drawn = vi.hoisted(() => ({ series: 0, points: 0 }));
vi.mock('lightweight-charts', () => {
  const series = { setData: (d: unknown[]) => void (drawn.points += d.length) };
  return {
    AreaSeries: 'Area',
    LineSeries: 'Line',
    ColorType: { Solid: 'solid' },
    createChart: () => ({
      addSeries: () => {
        drawn.series += 1;
        return series;
      },
      timeScale: () => ({ fitContent: () => undefined }),
      remove: () => undefined,
    }),
  };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const unreachable = { kind: 'unreachable' as const, status: null, code: null, message: 'The status API did not answer (Failed to fetch). Is `neolight up` running?' };

describe('Overview', () => {
  it('explains that nothing has been written yet when every document is absent', async () => {
    stubFetch({});
    render(<Overview />);
    expect(await screen.findByText('No wealth figure yet')).toBeTruthy();
    expect(await screen.findByText('No wealth trajectory yet')).toBeTruthy();
    expect(await screen.findByText('No equity curve yet')).toBeTruthy();
    expect(await screen.findByText('No risk scaler yet')).toBeTruthy();
    expect(screen.getByText(/The intelligence orchestrator writes runtime\/atlas_brain.json/)).toBeTruthy();
    expect(await screen.findByText('No risk governor yet')).toBeTruthy();
    expect(await screen.findByText('No drawdown guard yet')).toBeTruthy();
  });
  it('says the API is unreachable and what to run', async () => {
    stubFetch({ '/': down });
    render(<Overview />);
    const errors = await screen.findAllByText(/Could not load/);
    expect(errors.length).toBeGreaterThan(0);
    expect(screen.getAllByText(/Is `neolight up` running\?/).length).toBeGreaterThan(0);
  });
  it('draws the equity curve and shows the headline numbers when data exists', async () => {
    const rows = [0, 1, 2].map((i) => ({
      seq: i + 1, key: `k${i}`, ts: `2025-01-0${i + 1}T00:00:00Z`, mode: 'sim', equity: 1000 + i * 10, cash: 500, exposure: 500, drawdown: 0, sharpe: '', daily_pnl: 10,
    }));
    stubFetch({ '/api/ledgers/performance_metrics': ok({ rows }) });
    drawn.points = 0;
    render(<Overview />);
    expect(await screen.findByTestId('equity-chart')).toBeTruthy();
    expect((await screen.findByTestId('total-wealth')).textContent).toBe('$1,020.00');
    expect(screen.getByTestId('today-change').textContent).toContain('+$10.00');
    expect(drawn.points).toBeGreaterThanOrEqual(6);
  });
});

describe('Agents', () => {
  it('tells how to start the mesh when no agent runs', () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }) });
    render(
      <StaticLive value={{ status: sampleStatus({ agents: [] }) }}>
        <Agents />
      </StaticLive>,
    );
    expect(screen.getByText('No agents are running')).toBeTruthy();
  });
  it('lists every agent with a selectable row and shows an empty repairs state', async () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }), '/api/agents/smart_trader/log': ok({ lines: ['hello'] }) });
    render(
      <StaticLive value={{ status: sampleStatus() }}>
        <Agents />
      </StaticLive>,
    );
    const row = screen.getByTestId('agent-row-smart_trader');
    expect(row.textContent).toContain('running');
    expect(await screen.findByText('No repairs needed')).toBeTruthy();
    expect(await screen.findByText('hello')).toBeTruthy();
  });
  it('says which capital agents the halt stops, and nothing for an agent that spends no capital', () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }), '/api/agents/smart_trader/log': ok({ lines: [] }), '/api/agents/telemetry/log': ok({ lines: [] }) });
    const base = sampleStatus().guardian.agents[0]!;
    render(
      <StaticLive value={{ status: sampleStatus({ agents: [{ ...base, halted: true }, { ...base, name: 'telemetry', halted: null }] }) }}>
        <Agents />
      </StaticLive>,
    );
    expect(screen.getByTestId('agent-halted-smart_trader').textContent).toBe('HALTED');
    expect(screen.getByTestId('agent-halted-telemetry').textContent).toBe('—');
  });
  it('names the shared host beside the pid of an agent that runs in one', () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }), '/api/agents/smart_trader/log': ok({ lines: [] }), '/api/agents/telemetry/log': ok({ lines: [] }) });
    const base = sampleStatus().guardian.agents[0]!;
    render(
      <StaticLive value={{ status: sampleStatus({ agents: [{ ...base, pid: 4100, host: null }, { ...base, name: 'telemetry', pid: 4200, host: 'core' }] }) }}>
        <Agents />
      </StaticLive>,
    );
    const cells = (name: string) => [...screen.getByTestId(`agent-row-${name}`).querySelectorAll('td')].map((td) => td.textContent);
    expect(cells('telemetry')).toContain('4200 core');
    expect(cells('smart_trader')).toContain('4100');
  });
  it("shows each agent's process memory, and the mesh's as neolight status counts it (a shared host once)", () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }), '/api/agents/smart_trader/log': ok({ lines: [] }) });
    const base = sampleStatus().guardian.agents[0]!;
    const agents = [
      { ...base, pid: 4100, host: null, rss_mb: 70.4 },
      { ...base, name: 'telemetry', pid: 4200, host: 'core', rss_mb: 64.6 },
      { ...base, name: 'risk_governor', pid: 4200, host: 'core', rss_mb: 64.6 },
      { ...base, name: 'allocator', pid: 4300, host: 'research', rss_mb: null },
    ];
    render(
      <StaticLive value={{ status: sampleStatus({ agents, rss_mb: 80.2 }) }}>
        <Agents />
      </StaticLive>,
    );
    expect(screen.getByTestId('agent-rss-smart_trader').textContent).toBe('70 MB');
    expect(screen.getByTestId('agent-rss-telemetry').textContent).toBe('65 MB');
    expect(screen.getByTestId('agent-rss-allocator').textContent).toBe('—');
    // 70.4 + 64.6 once = 135 MB; 80 + 135 = 215 MB.
    expect(screen.getByTestId('mesh-memory').textContent).toBe('Memory: guardian 80 MB + 3 agents in 2 processes 135 MB = 215 MB RSS (1 running agent(s) not yet measured)');
  });
  it("shows an agent's note under its name, and nothing for an agent without one", () => {
    stubFetch({ '/api/repairs': ok({ bundles: [] }), '/api/agents/luxury_agent/log': ok({ lines: [] }), '/api/agents/telemetry/log': ok({ lines: [] }) });
    const base = sampleStatus().guardian.agents[0]!;
    const note = 'nothing bought in the last cycle with a candidate: BELOW_MARGIN; available $500.00';
    render(
      <StaticLive value={{ status: sampleStatus({ agents: [{ ...base, name: 'luxury_agent', note }, { ...base, name: 'telemetry', note: null }] }) }}>
        <Agents />
      </StaticLive>,
    );
    expect(screen.getByTestId('agent-note-luxury_agent').textContent).toBe(note);
    expect(screen.queryByTestId('agent-note-telemetry')).toBeNull();
  });
  it('shows why the agent list is missing when the API is down', () => {
    stubFetch({});
    render(
      <StaticLive value={{ statusError: unreachable }}>
        <Agents />
      </StaticLive>,
    );
    expect(screen.getByText('Could not load the agent list.')).toBeTruthy();
    expect(screen.getByText(/Start it with `npm start`/)).toBeTruthy();
  });
});

describe('Portfolio', () => {
  it('says what the SmartTrader needs before it trades', async () => {
    stubFetch({});
    render(<Portfolio />);
    expect(await screen.findByText('No fills yet')).toBeTruthy();
    expect(await screen.findByText('No allocation targets yet')).toBeTruthy();
    expect(await screen.findByText('No positions yet')).toBeTruthy();
  });
  it('shows the API error with its code message', async () => {
    stubFetch({ '/': fail(500, 'NL_ERR_STORE', 'ledger pnl_history: torn last line') });
    render(<Portfolio />);
    expect((await screen.findAllByText('ledger pnl_history: torn last line')).length).toBeGreaterThan(0);
  });
});

describe('Revenue', () => {
  it('does not invent agents when nothing reports', () => {
    render(
      <StaticLive value={{ status: sampleStatus() }}>
        <RevenueView />
      </StaticLive>,
    );
    expect(screen.getByText('No revenue reported yet')).toBeTruthy();
  });
  it('charts only the agents that report', () => {
    const at = '2025-01-01T00:00:00Z';
    const rev = { updated_at: at, currency: 'USD' as const, total_profit: 5, agents: { smart_trader: { revenue: 10, cost: 5, profit: 5, simulated: true, updated_at: at } } };
    render(
      <StaticLive value={{ status: sampleStatus({}, rev) }}>
        <RevenueView />
      </StaticLive>,
    );
    const rows = screen.getByTestId('revenue-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(screen.getByTestId('revenue-chart').textContent).toContain('smart trader');
  });
  it('explains an unreachable API', () => {
    render(
      <StaticLive value={{ statusError: unreachable }}>
        <RevenueView />
      </StaticLive>,
    );
    expect(screen.getByText('Could not load revenue.')).toBeTruthy();
  });
});

describe('Approvals', () => {
  it('explains the empty queue', async () => {
    stubFetch({ '/api/approvals': ok({ items: [] }) });
    render(<Approvals />);
    expect(await screen.findByText('Nothing to approve')).toBeTruthy();
  });
  it('explains an API that needs a token', async () => {
    stubFetch({ '/api/approvals': fail(401, 'NL_ERR_UNAUTHORIZED', 'missing bearer token') });
    render(<Approvals />);
    expect(await screen.findByText('missing bearer token')).toBeTruthy();
    expect(screen.getByText(/needs its token/)).toBeTruthy();
  });
});
