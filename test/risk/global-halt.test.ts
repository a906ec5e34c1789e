/**
 * One risk budget across the mesh: a halt reached through venture losses (total wealth = trading
 * equity + venture profit) stops the trader and every venture, also after a restart; the capital
 * governor sets budgets from total wealth, freezes them while halted, and a repeated rebalance
 * writes no second change row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { capitalBudgetChanges, capitalBudgets } from '../../src/contracts/capital.js';
import { revenueByAgent } from '../../src/contracts/revenue.js';
import { drawdownGuard } from '../../src/contracts/risk.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { luxuryPnl } from '../../src/contracts/ventures.js';
import { manualClock } from '../../src/core/clock.js';
import type { AgentContext } from '../../src/core/agent.js';
import { silentLogger } from '../../src/log/logger.js';
import { capitalGovernorAgent } from '../../src/risk/capital-governor-agent.js';
import { drawdownGuardAgent } from '../../src/risk/drawdown-agent.js';
import { readRiskState } from '../../src/risk/sources.js';
import { openFileStore, type StateStore } from '../../src/store/file-store.js';
import { decideSpend } from '../../src/ventures/shared/decide.js';
import { ventureRiskReader } from '../../src/ventures/shared/risk.js';
import { freshRiskDocs } from '../helpers/risk-docs.js';

const T0 = Date.parse('2026-11-02T15:00:00Z');
const H = 3_600_000;
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

function setup(sections: Record<string, unknown> = {}): { store: StateStore; ctx: (now: number) => AgentContext } {
  home = mkdtempSync(join(tmpdir(), 'nl-global-halt-'));
  const config = { ...loadConfig({ home }, {}), sections: { risk: { governor_interval: 1e9, drawdown_interval: 1e9 }, ...sections } };
  const store = openFileStore(home);
  return { store, ctx: (now) => ({ name: 'x', clock: manualClock(now), store, log: silentLogger(), config, ports: {} }) };
}

function equityRows(store: StateStore, points: [number, number][]): void {
  store.ledger(performanceMetrics).append(points.map(([ts, equity]) => ({ key: `pm-${ts}`, row: { ts: new Date(ts).toISOString(), mode: 'sim' as const, equity, cash: equity, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 } })));
}

describe('global halt on total wealth', () => {
  it('halts the trader and every venture when venture losses take total wealth 25 % down, and stays halted after a restart', async () => {
    const { store, ctx } = setup();
    // The trader is flat at $10,000; a counterfeit watch written off for $2,500 takes total wealth to $7,500.
    equityRows(store, [[T0, 10_000], [T0 + H, 10_000]]);
    store.ledger(luxuryPnl).append([{ key: 'w1', row: { ts: new Date(T0 + H / 2).toISOString(), mode: 'sim', item_id: 'watch-1', action: 'writeoff', amount: -2_500, fees: 0, pnl: -2_500 } }]);
    equityRows(store, [[T0 + 2 * H, 10_000]]);
    await drawdownGuardAgent.create(ctx(T0 + 2 * H));
    const dd = store.get(drawdownGuard)!;
    expect(dd.mode).toBe('halted');
    expect(dd.equity).toBe(7_500);
    expect(dd.drawdown).toBeCloseTo(0.25, 10);

    freshRiskDocs(store, T0 + 2 * H);
    const config = ctx(T0).config;
    // The trader obeys the combined risk state; every venture obeys the same document.
    expect(readRiskState(store, config, T0 + 2 * H).tradingState).toBe('HALTED');
    const risk = ventureRiskReader(store, config, silentLogger())(T0 + 2 * H);
    expect(risk.state).toBe('HALTED');
    expect(decideSpend({ costCents: 1_000, valueCents: 5_000, minMargin: 0.1, itemCapCents: 100_000, availableCents: 100_000, risk, approvalAboveCents: 1e9 })).toMatchObject({ action: 'skip', code: 'HALTED' });

    // Restart: a new guard on the same home, the document lost too — the replay halts again.
    rmSync(store.pathOf(drawdownGuard.path));
    const again = openFileStore(home);
    await drawdownGuardAgent.create({ ...ctx(T0 + 3 * H), store: again });
    expect(again.get(drawdownGuard)?.mode).toBe('halted');
  });

  it('the same losses without the venture ledger do not halt (the venture P&L is what moved wealth)', async () => {
    const { store, ctx } = setup();
    equityRows(store, [[T0, 10_000], [T0 + H, 10_000], [T0 + 2 * H, 10_000]]);
    await drawdownGuardAgent.create(ctx(T0 + 2 * H));
    expect(store.get(drawdownGuard)?.mode).toBe('normal');
  });
});

describe('capital governor agent', () => {
  it('sets budgets from total wealth, freezes them while halted, and a repeated rebalance writes no second row', async () => {
    const { store, ctx } = setup();
    equityRows(store, [[T0, 12_000]]);
    const at = new Date(T0).toISOString();
    store.write(revenueByAgent, { updated_at: at, currency: 'USD', agents: { luxury_agent: { revenue: 900, cost: 100, profit: 800, simulated: true, updated_at: at } }, total_profit: 800 });
    freshRiskDocs(store, T0, { budget: false });
    const agent = await capitalGovernorAgent.create(ctx(T0));
    await agent.tick(T0);
    const doc = store.get(capitalBudgets)!;
    // Wealth = 12,000 equity + 800 venture profit; no track records yet: every agent at its floor.
    expect(doc.total_wealth).toBe(12_800);
    expect(doc.agents.smart_trader?.budget).toBe(6_400);
    expect(doc.agents.luxury_agent?.budget).toBe(640);
    expect(doc.simulated).toBe(true);
    const sum = Object.values(doc.agents).reduce((s, a) => s + a.budget, 0);
    expect(sum).toBeLessThanOrEqual(12_800);
    const rows = store.ledger(capitalBudgetChanges).count();
    expect(rows).toBe(Object.keys(doc.agents).length);
    // Not due yet: nothing changes.
    await agent.tick(T0 + H);
    expect(store.ledger(capitalBudgetChanges).count()).toBe(rows);

    // A week later, halted: every budget frozen where it was.
    const week = T0 + 7 * 24 * H;
    store.write(drawdownGuard, { ...store.get(drawdownGuard)!, mode: 'halted', trading_state: 'HALTED', updated_at: new Date(week).toISOString() });
    freshRiskDocs(store, week, { budget: false });
    await agent.tick(week);
    const frozen = store.get(capitalBudgets)!;
    expect(frozen.halted).toBe(true);
    expect(Object.values(frozen.agents).every((a) => a.frozen)).toBe(true);
    expect(frozen.agents.luxury_agent?.budget).toBe(640);
  });
});
