import { describe, expect, it } from 'vitest';
import { drawdownGuard, riskGovernor } from '../../src/contracts/risk.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { runRiskChecks } from '../../src/risk/checks.js';
import { drawdownGuardAgent } from '../../src/risk/drawdown-agent.js';
import { combineRiskState } from '../../src/risk/risk-state.js';
import { riskGovernorAgent } from '../../src/risk/governor-agent.js';
import { DEFAULT_LIMITS } from '../../src/risk/types.js';
import { openFileStore } from '../../src/store/file-store.js';
import { agentContext, scriptedPath, tempHome } from './agent-context.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

function appendEquity(home: string, from: number, values: readonly number[]): void {
  const ledger = openFileStore(home).ledger(performanceMetrics);
  ledger.append(
    values.map((equity, i) => ({
      key: `eq-${from + i}`,
      row: { ts: new Date(T0 + (from + i) * DAY).toISOString(), mode: 'sim' as const, equity, cash: 0, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 },
    })),
  );
}

describe('drawdown_guard agent', () => {
  it('halts on the scripted crash, and the halt survives a restart and blocks opening orders', async () => {
    const home = tempHome();
    const path = scriptedPath();
    const haltIndex = path.indexOf(84.7);
    appendEquity(home, 0, path.slice(0, haltIndex + 2));
    const ctx = agentContext(home, 'drawdown_guard', T0);
    const agent = await drawdownGuardAgent.create(ctx);
    await agent.tick(T0 + (haltIndex + 1) * DAY);
    const doc = openFileStore(home).get(drawdownGuard);
    expect(doc?.mode).toBe('halted');
    expect(doc?.events.map((e) => e.type)).toEqual(['tier_1', 'tier_2', 'tier_3', 'halt']);

    // restart: a new process reads the document; one more (lower) row arrives
    appendEquity(home, haltIndex + 2, [84.8]);
    const ctx2 = agentContext(home, 'drawdown_guard', T0 + (haltIndex + 2) * DAY);
    const again = await drawdownGuardAgent.create(ctx2);
    await again.tick(T0 + (haltIndex + 2) * DAY);
    const after = openFileStore(home).get(drawdownGuard);
    expect(after?.mode).toBe('halted');
    expect(after?.events.filter((e) => e.type === 'halt')).toHaveLength(1);
    expect(after?.last_seq).toBe(haltIndex + 3);

    const risk = combineRiskState(T0 + (haltIndex + 2) * DAY, { governor: { status: 'missing' }, drawdown: { status: 'ok', doc: after! }, maxAgeMs: { governor: 180_000, drawdown: 180_000 } });
    const d = runRiskChecks(
      { symbol: 'SPY', side: 'buy', qty: 1, price: 500, notional: 500 },
      { equity: 84_800, positions: {}, tradingState: risk.tradingState, exposureCap: risk.exposureCap, volatilitySpike: false, limits: DEFAULT_LIMITS },
    );
    expect(d).toMatchObject({ ok: false, code: 'TRADING_HALTED' });
  });

  it('replays the ledger when its document is corrupt, rebuilding the halt', async () => {
    const home = tempHome();
    appendEquity(home, 0, scriptedPath().slice(0, 20));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(openFileStore(home).pathOf('state/drawdown_guard.json'), '{ not json');
    const agent = await drawdownGuardAgent.create(agentContext(home, 'drawdown_guard', T0));
    await agent.tick(T0 + 20 * DAY);
    expect(openFileStore(home).get(drawdownGuard)?.mode).toBe('halted');
  });
});

describe('risk_governor agent', () => {
  it('writes a valid document that names its gates', async () => {
    const home = tempHome();
    appendEquity(home, 0, Array.from({ length: 60 }, (_, i) => 10_000 * (1 + (i % 2 ? 0.004 : -0.003))));
    const agent = await riskGovernorAgent.create(agentContext(home, 'risk_governor', T0));
    await agent.tick(T0 + 61 * DAY);
    const doc = openFileStore(home).get(riskGovernor);
    expect(doc?.gates.map((g) => g.name)).toEqual(['var_daily', 'var_weekly', 'volatility_spike', 'exposure_regime']);
    expect(doc?.observations).toBe(59);
  });
});
