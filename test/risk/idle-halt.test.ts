/**
 * The drawdown guard measures total wealth on every tick, not only when the trader writes an
 * equity row: a venture's loss — realised, or a fall in its inventory's valuation — halts the
 * mesh while the trader is idle; the halt stops the trader and every venture, also after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { allocationsOverride, atlasBrain, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { drawdownGuard } from '../../src/contracts/risk.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { luxuryInventory, luxuryPnl } from '../../src/contracts/ventures.js';
import { manualClock } from '../../src/core/clock.js';
import type { AgentContext } from '../../src/core/agent.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { withPaperVenue } from '../../src/mesh/ports.js';
import { drawdownGuardAgent } from '../../src/risk/drawdown-agent.js';
import { openFileStore, type StateStore } from '../../src/store/file-store.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { decideSpend } from '../../src/ventures/shared/decide.js';
import { ventureRiskReader } from '../../src/ventures/shared/risk.js';
import { freshRiskDocs } from '../helpers/risk-docs.js';

const T0 = Date.parse('2026-11-03T15:00:00Z'); // a Tuesday, NYSE open
const H = 3_600_000;
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

function setup(): { store: StateStore; ctx: (now: number) => AgentContext } {
  home = mkdtempSync(join(tmpdir(), 'nl-idle-halt-'));
  const config = { ...loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: '10000' }), sections: { risk: { governor_interval: 1e9, drawdown_interval: 1e9 } } };
  const store = openFileStore(home);
  store.ledger(performanceMetrics).append([{ key: 'pm-0', row: { ts: new Date(T0).toISOString(), mode: 'sim', equity: 10_000, cash: 10_000, exposure: 0, drawdown: 0, sharpe: '', daily_pnl: 0 } }]);
  return { store, ctx: (now) => ({ name: 'x', clock: manualClock(now), store, log: silentLogger(), config, ports: {} }) };
}

const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts): Promise<Quote> => ({ symbol, ts, bid: 99.99, ask: 100.01, last: 100, volume: 0, open: true }),
  bars: async (_s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: 100, high: 100, low: 100, close: 100 * (1 + 0.001 * Math.sin(i)), volume: 1 })),
};

const watch = (estimated_value: number) => ({ id: 'watch-1', category: 'watch', name: 'Submariner', platform: 'sim', cost: 3_000, estimated_value, authenticated: true, status: 'held' as const, acquired_at: new Date(T0).toISOString() });

/** The trader and a venture on the store as the guard left it: both must refuse new spending. */
async function expectEverythingStopped(store: StateStore, ctx: AgentContext, now: number): Promise<void> {
  store.write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: new Date(now).toISOString() });
  store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(now).toISOString() });
  freshRiskDocs(store, now); // fresh governor and budget; the guard's halt is re-stamped, not cleared
  const trader = await smartTraderAgent.create({ ...ctx, clock: manualClock(now), ports: withPaperVenue(ctx.config, market, manualClock(now)) });
  await trader.tick(now);
  expect(store.ledger(pnlHistory).readAll()).toHaveLength(0);
  expect(store.get(smartTraderState)?.risk_reasons).toContain('DRAWDOWN_HALT');
  const risk = ventureRiskReader(store, ctx.config, silentLogger())(now);
  expect(risk.state).toBe('HALTED');
  expect(decideSpend({ costCents: 1_000, valueCents: 5_000, minMargin: 0.1, itemCapCents: 100_000, availableCents: 100_000, risk, approvalAboveCents: 1e9 })).toMatchObject({ action: 'skip', code: 'HALTED' });
}

describe('the drawdown guard ticks on total wealth', () => {
  it('halts on a venture write-off while the trader writes no equity row, and stays halted after a restart', async () => {
    const { store, ctx } = setup();
    const guard = await drawdownGuardAgent.create(ctx(T0));
    await guard.tick(T0);
    expect(store.get(drawdownGuard)?.mode).toBe('normal');
    // $10,000 of trading equity, idle; a counterfeit watch written off for $2,500: wealth $7,500, −25 %.
    store.ledger(luxuryPnl).append([{ key: 'w1', row: { ts: new Date(T0 + H).toISOString(), mode: 'sim', item_id: 'watch-1', action: 'writeoff', amount: -2_500, fees: 0, pnl: -2_500 } }]);
    await guard.tick(T0 + 2 * H);
    const dd = store.get(drawdownGuard)!;
    expect(dd.mode).toBe('halted');
    expect(dd.equity).toBe(7_500);
    expect(dd.drawdown).toBeCloseTo(0.25, 10);
    await expectEverythingStopped(store, ctx(T0 + 2 * H), T0 + 2 * H);

    // Restart with the document kept: it resumes halted.
    const again = await drawdownGuardAgent.create(ctx(T0 + 3 * H));
    await again.tick(T0 + 3 * H);
    expect(store.get(drawdownGuard)?.mode).toBe('halted');
    // Restart with the document lost: the replay plus the first tick's total wealth halt again.
    rmSync(store.pathOf(drawdownGuard.path));
    await drawdownGuardAgent.create(ctx(T0 + 4 * H));
    expect(store.get(drawdownGuard)?.mode).toBe('halted');
    await expectEverythingStopped(openFileStore(home), ctx(T0 + 4 * H), T0 + 4 * H);
  });

  it('marks the luxury inventory to its valuation: a fall from $3,000 to $500 halts before anything is sold', async () => {
    const { store, ctx } = setup();
    store.write(luxuryInventory, { updated_at: new Date(T0).toISOString(), simulated: true, items: [watch(3_000)] });
    const guard = await drawdownGuardAgent.create(ctx(T0));
    await guard.tick(T0);
    expect(store.get(drawdownGuard)).toMatchObject({ mode: 'normal', equity: 10_000 });
    // Valued $1,500 below cost: wealth $8,500, −15 %, tier 3. Then $2,500 below: $7,500, −25 %, halt.
    store.write(luxuryInventory, { updated_at: new Date(T0 + H).toISOString(), simulated: true, items: [watch(1_500)] });
    await guard.tick(T0 + H);
    expect(store.get(drawdownGuard)).toMatchObject({ mode: 'slowdown', tier: 3, equity: 8_500 });
    store.write(luxuryInventory, { updated_at: new Date(T0 + 2 * H).toISOString(), simulated: true, items: [watch(500)] });
    await guard.tick(T0 + 2 * H);
    expect(store.get(drawdownGuard)).toMatchObject({ mode: 'halted', equity: 7_500 });
  });
});
