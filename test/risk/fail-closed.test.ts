/**
 * Risk fails closed (issue 11, defect 5): a missing, stale or invalid risk document, or an
 * unreadable equity ledger, makes the combined risk state REDUCING with a reason code — logged at
 * warn — so only risk-reducing orders pass; a missing brain means risk_scaler 0.5 everywhere.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { withPaperVenue } from '../../src/mesh/ports.js';
import { loadConfig } from '../../src/config/config.js';
import { traderConfig } from '../../src/config/trader.js';
import { allocationsOverride, allocatorDrift, atlasBrain, drawdownGuard, performanceMetrics, pnlHistory, riskGovernor } from '../../src/contracts/index.js';
import { manualClock, MS } from '../../src/core/clock.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { allocatorAgent } from '../../src/risk/allocator-agent.js';
import { runRiskChecks } from '../../src/risk/checks.js';
import { drawdownGuardAgent } from '../../src/risk/drawdown-agent.js';
import { initialDrawdownState } from '../../src/risk/drawdown.js';
import { evaluateGovernor } from '../../src/risk/governor.js';
import { riskGovernorAgent } from '../../src/risk/governor-agent.js';
import { combineRiskState, failClosed, type RiskStateInputs } from '../../src/risk/risk-state.js';
import { riskStateReader } from '../../src/risk/sources.js';
import { DEFAULT_LIMITS, type RiskSnapshot } from '../../src/risk/types.js';
import { openFileStore } from '../../src/store/file-store.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { agentContext, tempHome } from './agent-context.js';
import { capitalBudgets } from '../../src/contracts/capital.js';
import { uncappedBudgets } from '../helpers/risk-docs.js';

const T0 = Date.parse('2025-03-04T15:00:00Z'); // a Tuesday
const LIMIT = 3 * 60 * MS.second; // 3 intervals of the default 60 s
const maxAgeMs = { governor: LIMIT, drawdown: LIMIT };
const iso = (ms: number): string => new Date(ms).toISOString();
const governorDoc = (at: number) => evaluateGovernor({ nowMs: at, dailyReturns: [], periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null });
const fresh = (at: number): RiskStateInputs => ({ governor: { status: 'ok', doc: governorDoc(at) }, drawdown: { status: 'ok', doc: initialDrawdownState(at) }, maxAgeMs });

const snapshot = (tradingState: RiskSnapshot['tradingState']): RiskSnapshot => ({
  equity: 100_000,
  positions: { SPY: { qty: 20, price: 500 } },
  tradingState,
  exposureCap: 1,
  volatilitySpike: false,
  limits: DEFAULT_LIMITS,
});
const buy = { symbol: 'SPY', side: 'buy' as const, qty: 1, price: 500, notional: 500 };
const sell = { symbol: 'SPY', side: 'sell' as const, qty: 5, price: 500, notional: 2500 };

const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts): Promise<Quote> => ({ symbol, ts, bid: 499.95, ask: 500.05, last: 500, volume: 0, open: true }),
  bars: async (_s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: 500, high: 501, low: 499, close: 500 * (1 + 0.001 * Math.sin(i)), volume: 1 })),
};

function corruptLedger(home: string): void {
  const store = openFileStore(home);
  store.ledger(performanceMetrics).append([{ key: 'eq-1', row: { ts: iso(T0), mode: 'sim', equity: 100_000, cash: 100_000, exposure: 0, drawdown: 0, sharpe: '', daily_pnl: 0 } }]);
  appendFileSync(store.pathOf('state/performance_metrics.csv'), 'not,a,ledger,row\n');
}

describe('combineRiskState fails closed', () => {
  it('is ACTIVE with no reasons on fresh, clear documents', () => {
    expect(combineRiskState(T0, fresh(T0))).toMatchObject({ tradingState: 'ACTIVE', reasons: [], exposureCap: 0.8, multiplier: 1 });
  });

  it('missing documents: REDUCING with RISK_STATE_MISSING, and only reducing orders pass', () => {
    const s = combineRiskState(T0, { governor: { status: 'missing' }, drawdown: { status: 'missing' }, maxAgeMs });
    expect(s.tradingState).toBe('REDUCING');
    expect(s.reasons).toEqual(['RISK_STATE_MISSING']);
    expect(s.details).toHaveLength(1);
    expect(runRiskChecks(buy, snapshot(s.tradingState))).toMatchObject({ ok: false, code: 'REDUCING_ONLY' });
    expect(runRiskChecks(sell, snapshot(s.tradingState))).toEqual({ ok: true });
  });

  it('stale past 3 intervals of market time: REDUCING with RISK_STATE_STALE; at the limit still fresh', () => {
    expect(combineRiskState(T0 + LIMIT, fresh(T0)).reasons).toEqual([]);
    const s = combineRiskState(T0 + LIMIT + 1, fresh(T0));
    expect(s.tradingState).toBe('REDUCING');
    expect(s.reasons).toEqual(['RISK_STATE_STALE']);
    expect(combineRiskState(T0 + LIMIT + 1, { ...fresh(T0), drawdown: { status: 'ok', doc: initialDrawdownState(T0 + LIMIT) } }).reasons).toEqual(['RISK_STATE_STALE']);
  });

  it('a stale halt is still a halt', () => {
    const halted = { ...initialDrawdownState(T0), mode: 'halted' as const, trading_state: 'HALTED' as const, multiplier: 0 };
    const s = combineRiskState(T0 + 10 * LIMIT, { ...fresh(T0 + 10 * LIMIT), drawdown: { status: 'ok', doc: halted } });
    expect(s.tradingState).toBe('HALTED');
    expect(s.reasons).toEqual(['RISK_STATE_STALE', 'DRAWDOWN_HALT']);
    expect(s.exposureCap).toBe(0);
  });

  it('an invalid document: RISK_STATE_INVALID, its last good version still counts', () => {
    const s = combineRiskState(T0, { ...fresh(T0), governor: { status: 'invalid', detail: 'exposure_cap: expected number' } });
    expect(s).toMatchObject({ tradingState: 'REDUCING', reasons: ['RISK_STATE_INVALID'] });
  });

  it('an input failure a document reports (EQUITY_HISTORY_CORRUPT) is reduce-only', () => {
    const dd = { ...initialDrawdownState(T0), reasons: ['EQUITY_HISTORY_CORRUPT' as const] };
    expect(combineRiskState(T0, { ...fresh(T0), drawdown: { status: 'ok', doc: dd } })).toMatchObject({ tradingState: 'REDUCING', reasons: ['EQUITY_HISTORY_CORRUPT'] });
  });

  it('failClosed adds a code (VAR_HISTORY_UNAVAILABLE) without touching the input', () => {
    const clear = combineRiskState(T0, fresh(T0));
    const s = failClosed(clear, 'VAR_HISTORY_UNAVAILABLE', 'no daily bars for BTC-USD');
    expect(s).toMatchObject({ tradingState: 'REDUCING', reasons: ['VAR_HISTORY_UNAVAILABLE'] });
    expect(clear).toMatchObject({ tradingState: 'ACTIVE', reasons: [] });
  });
});

describe('riskStateReader (the I/O edge)', () => {
  it('reads the store, uses the configured intervals, and logs each change of reasons once at warn', () => {
    const home = tempHome();
    const lines: { level: number; msg: string; reasons?: string[] }[] = [];
    const log = pino({ level: 'debug' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const store = openFileStore(home);
    const config = loadConfig({ home }, {});
    const read = riskStateReader(store, config, log);
    expect(read(T0)).toMatchObject({ tradingState: 'REDUCING', reasons: ['RISK_STATE_MISSING'] });
    read(T0 + 1000);
    store.write(riskGovernor, governorDoc(T0));
    store.write(drawdownGuard, initialDrawdownState(T0));
    expect(read(T0 + 2000)).toMatchObject({ tradingState: 'ACTIVE', reasons: [] });
    expect(read(T0 + LIMIT + 1)).toMatchObject({ tradingState: 'REDUCING', reasons: ['RISK_STATE_STALE'] });
    writeFileSync(store.pathOf('state/risk_governor.json'), '{ not json');
    expect(read(T0 + 2000).reasons).toContain('RISK_STATE_INVALID');
    const warns = lines.filter((l) => l.level === 40);
    expect(warns.map((l) => l.reasons)).toEqual([['RISK_STATE_MISSING'], ['RISK_STATE_STALE'], ['RISK_STATE_INVALID']]);
    expect(lines.filter((l) => l.level === 30).map((l) => l.msg)).toEqual(['risk state clear: ACTIVE']);
  });
});

describe('risk agents on a corrupt equity ledger', () => {
  it('risk_governor: REDUCING with EQUITY_HISTORY_CORRUPT and the stressed regime, not an empty calm book', async () => {
    const home = tempHome();
    corruptLedger(home);
    const agent = await riskGovernorAgent.create(agentContext(home, 'risk_governor', T0));
    await agent.tick(T0 + MS.minute);
    const doc = openFileStore(home).get(riskGovernor);
    expect(doc).toMatchObject({ trading_state: 'REDUCING', reasons: ['EQUITY_HISTORY_CORRUPT'], regime: 'stressed' });
  });

  it('drawdown_guard: writes EQUITY_HISTORY_CORRUPT (fresh, so not merely stale) and keeps its trusted state', async () => {
    const home = tempHome();
    corruptLedger(home);
    // A trusted document from before the corruption (with none, the guard halts: guard-recovery.test.ts).
    openFileStore(home).write(drawdownGuard, initialDrawdownState(T0));
    const agent = await drawdownGuardAgent.create(agentContext(home, 'drawdown_guard', T0));
    await agent.tick(T0 + MS.minute);
    const doc = openFileStore(home).get(drawdownGuard);
    expect(doc).toMatchObject({ reasons: ['EQUITY_HISTORY_CORRUPT'], updated_at: iso(T0 + MS.minute), mode: 'normal' });
    const s = combineRiskState(T0 + MS.minute, { governor: { status: 'ok', doc: governorDoc(T0 + MS.minute) }, drawdown: { status: 'ok', doc: doc! }, maxAgeMs });
    expect(s).toMatchObject({ tradingState: 'REDUCING', reasons: ['EQUITY_HISTORY_CORRUPT'] });
  });
});

describe('allocator on corrupt ledgers', () => {
  it('writes no drift report rather than one sized on the starting equity', async () => {
    const home = tempHome();
    corruptLedger(home);
    openFileStore(home).write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: iso(T0) });
    const agent = await allocatorAgent.create(agentContext(home, 'allocator', T0, { market }));
    await agent.tick(T0 + MS.minute);
    expect(openFileStore(home).get(allocatorDrift)).toBeUndefined();
  });

  it('nor on an unreadable fills ledger (unknown holdings are not an empty book)', async () => {
    const home = tempHome();
    const store = openFileStore(home);
    store.write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: iso(T0) });
    store.ledger(pnlHistory).append([{ key: 'o1', row: { ts: iso(T0), agent: 'smart_trader', mode: 'sim', symbol: 'SPY', side: 'buy', qty: 10, price: 500, fee: 0, notional: 5000, realized_pnl: 0, order_id: 'o1', reason: 'rebalance' } }]);
    appendFileSync(store.pathOf('state/pnl_history.csv'), 'torn,but,complete,line\n');
    const agent = await allocatorAgent.create(agentContext(home, 'allocator', T0, { market }));
    await agent.tick(T0 + MS.minute);
    expect(openFileStore(home).get(allocatorDrift)).toBeUndefined();
  });
});

describe('one default for a missing brain', () => {
  it('the governor uses the trader config missing_brain_scaler (0.5), as the trader and allocator do', async () => {
    const home = tempHome();
    const ctx = agentContext(home, 'risk_governor', T0);
    expect(traderConfig(ctx.config).missing_brain_scaler).toBe(0.5);
    const agent = await riskGovernorAgent.create(ctx);
    await agent.tick(T0);
    const doc = openFileStore(home).get(riskGovernor);
    expect(doc?.risk_scaler).toBe(0.5);
    // no returns yet: normal regime cap 0.8 × 0.5
    expect(doc?.exposure_cap).toBeCloseTo(0.4, 12);
    openFileStore(home).write(atlasBrain, { risk_scaler: 1.1, confidence: 0.5, updated_at: iso(T0) });
    await agent.tick(T0 + MS.minute);
    expect(openFileStore(home).get(riskGovernor)?.risk_scaler).toBe(1.1);
  });
});

describe('the SmartTrader obeys the fail-closed state', () => {
  async function trader(withRiskDocs: boolean) {
    const home = tempHome();
    const store = openFileStore(home);
    const config = loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: '500000' });
    store.write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: iso(T0) });
    store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: iso(T0) });
    if (withRiskDocs) {
      store.write(riskGovernor, governorDoc(T0));
      store.write(drawdownGuard, initialDrawdownState(T0));
      store.write(capitalBudgets, uncappedBudgets(T0));
    }
    const t = await smartTraderAgent.create({ name: 'smart_trader', clock: manualClock(T0), store, log: silentLogger(), config, ports: withPaperVenue(config, market, manualClock(T0)) });
    await t.tick(T0);
    return store.ledger(pnlHistory).readAll();
  }

  it('opens nothing while the risk documents are missing; trades once they are fresh and clear', async () => {
    expect(await trader(false)).toHaveLength(0);
    expect((await trader(true)).map((f) => f.symbol).sort()).toEqual(['GLD', 'QQQ', 'SPY']);
  });
});
