/**
 * SmartTrader on a scripted market: spread gate, drift thresholds, rebalancing on the allocator's
 * drift report, one daily reset per day boundary, no lost or doubled fill when the process is
 * stopped mid-run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { allocationsOverride, allocatorDrift, atlasBrain, drawdownGuard, performanceMetrics, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { portfolioTargets } from '../../src/risk/allocator.js';
import { allocatorAgent } from '../../src/risk/allocator-agent.js';
import { DEFAULT_LIMITS } from '../../src/risk/types.js';
import { drawdownStep, initialDrawdownState } from '../../src/risk/drawdown.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore, type StateStore } from '../../src/store/file-store.js';
import { freshRiskDocs, STILL_FRESH_CONFIG } from '../helpers/risk-docs.js';
import { rollingSharpe, smartTraderAgent } from '../../src/trading/smart-trader.js';
import { withPaperVenue } from '../../src/mesh/ports.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const T0 = Date.parse('2025-03-04T15:00:00Z'); // a Tuesday, NYSE open

/** A market whose SPY price and spread the test sets. */
function scriptedMarket() {
  const m = { price: 500, spreadBps: 1, factor: {} as Record<string, number>, barsFail: false };
  const market: MarketData = {
    simulated: true,
    quote: async (symbol, ts): Promise<Quote> => {
      const px = m.price * (m.factor[symbol] ?? 1);
      const half = (px * m.spreadBps) / 20_000;
      return { symbol, ts, bid: px - half, ask: px + half, last: px, volume: 0, open: true };
    },
    bars: async (_s, from, to, interval) => {
      if (m.barsFail) throw new Error('history feed timed out');
      return barsOf(from, to, interval);
    },
  };
  const barsOf = (from: number, to: number, interval: number) =>
    Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: 500, high: 501, low: 499, close: 500 * (1 + 0.001 * Math.sin(i)), volume: 1 }));
  return { m, market };
}

async function setup(allocations: Record<string, number>) {
  const home = mkdtempSync(join(tmpdir(), 'neolight-trader-'));
  homes.push(home);
  const store = openFileStore(home);
  const config = loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: '500000' });
  store.write(allocationsOverride, { allocations, updated_at: new Date(T0).toISOString() });
  store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(T0).toISOString() });
  const { m, market } = scriptedMarket();
  const clock = manualClock(T0);
  // As the mesh composes it: the paper venue's book rebuilt from the trader's state and ledger.
  const make = async () => {
    const agent = await smartTraderAgent.create({ name: 'smart_trader', clock, store, log: silentLogger(), config, ports: withPaperVenue(config, market, clock) });
    // Risk all clear (fresh documents) unless a test writes otherwise: risk fails closed without them.
    return { ...agent, tick: (now: number) => (freshRiskDocs(store, now), agent.tick(now)) };
  };
  return { home, store, m, clock, make, config, market };
}

const fillsOf = (store: StateStore) => store.ledger(pnlHistory).readAll();

describe('SmartTrader', () => {
  it('does not trade while the spread is wider than the limit, then trades when it narrows', async () => {
    const { store, m, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    m.spreadBps = 40; // the default limit is 25 bp
    await t.tick(clock.now());
    expect(fillsOf(store)).toHaveLength(0);
    m.spreadBps = 1;
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(fillsOf(store).map((f) => f.symbol).sort()).toEqual(['GLD', 'QQQ', 'SPY']);
  });

  it('does not trade below the drift threshold', async () => {
    const { store, m, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    await t.tick(clock.now());
    const n = fillsOf(store).length;
    m.price = 501; // a 0.2 % move: drift far below the 2 % threshold
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(fillsOf(store)).toHaveLength(n);
    m.factor.SPY = 1.2; // SPY +20 %: 4 % overweight, but the portfolio's total drift is 4.2 % < 5 %
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(fillsOf(store)).toHaveLength(n);
    m.factor.SPY = 1.4; // SPY +40 %: total drift 7.9 % > 5 %; SPY is 8 % over, GLD and QQQ ~4 % under
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    const after = fillsOf(store).slice(n);
    expect(after.find((f) => f.symbol === 'SPY')?.side).toBe('sell');
  });

  it('rebalances on the allocator drift report when it is fresh and built for its targets', async () => {
    const alloc = { SPY: 0.35, GLD: 0.35, QQQ: 0.3 };
    const { store, m, clock, make, config, market } = await setup(alloc);
    const allocator = await allocatorAgent.create({ name: 'allocator', clock, store, log: silentLogger(), config, ports: { market } });
    const t = await make();
    await allocator.tick(clock.now()); // all cash: total drift 98 %
    expect(store.get(allocatorDrift)?.rebalance_needed).toBe(true);
    await t.tick(clock.now());
    const n = fillsOf(store).length;
    expect(n).toBe(3);

    m.factor.SPY = 1.4; // now 7.9 % total drift, but the allocator has not looked yet
    clock.advance(5 * MS.minute);
    store.write(allocatorDrift, { ...store.get(allocatorDrift)!, updated_at: new Date(clock.now()).toISOString(), rebalance_needed: false, total_drift: 0 });
    await t.tick(clock.now());
    expect(fillsOf(store)).toHaveLength(n); // the trader follows the allocator's verdict

    await allocator.tick(clock.now());
    expect(store.get(allocatorDrift)?.total_drift).toBeGreaterThan(0.05);
    clock.advance(MS.minute);
    await t.tick(clock.now());
    expect(fillsOf(store).slice(n).find((f) => f.symbol === 'SPY')?.side).toBe('sell');
  });

  it('ignores a stale allocator report, or one built for other targets, and uses its own drift', async () => {
    const alloc = { SPY: 0.35, GLD: 0.35, QQQ: 0.3 };
    const { store, clock, make } = await setup(alloc);
    const report = (targets: Record<string, number>, at: number) => ({ updated_at: new Date(at).toISOString(), source: 'test', equity: 500_000, targets, assets: [], total_drift: 0, rebalance_needed: false, threshold: 0.05 });
    const ours = portfolioTargets(alloc, { riskScaler: 1, multiplier: 1, grossCap: 0.98, maxWeight: DEFAULT_LIMITS.maxPositionWeight });
    store.write(allocatorDrift, report(ours, clock.now()));
    await (await make()).tick(clock.now());
    expect(fillsOf(store)).toHaveLength(0); // fresh, ours, says hold
    store.write(allocatorDrift, report({ SPY: 0.1 }, clock.now()));
    await (await make()).tick(clock.now());
    expect(fillsOf(store)).toHaveLength(3); // other targets: its own drift (98 %) decides
  });

  it('trades on its own drift when the allocator report is older than two allocator intervals', async () => {
    const alloc = { SPY: 0.35, GLD: 0.35, QQQ: 0.3 };
    const { store, clock, make } = await setup(alloc);
    const ours = portfolioTargets(alloc, { riskScaler: 1, multiplier: 1, grossCap: 0.98, maxWeight: DEFAULT_LIMITS.maxPositionWeight });
    store.write(allocatorDrift, { updated_at: new Date(clock.now() - 11 * MS.minute).toISOString(), source: 'test', equity: 500_000, targets: ours, assets: [], total_drift: 0, rebalance_needed: false, threshold: 0.05 });
    await (await make()).tick(clock.now());
    expect(fillsOf(store)).toHaveLength(3);
  });

  it('writes a rolling Sharpe of its day-end equities into performance_metrics.csv once 20 daily returns exist', async () => {
    const { store, m, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    for (let d = 0; d < 25; d++) {
      m.price = 500 * (1 + 0.01 * Math.sin(d) + 0.002 * d);
      await t.tick(clock.now());
      clock.advance(MS.day);
    }
    const rows = store.ledger(performanceMetrics).readAll();
    const s = store.get(smartTraderState)!;
    expect(s.day_closes).toHaveLength(24);
    expect(rows[19]?.sharpe).toBe(''); // 19 closes: too few returns
    const last = rows.at(-1)!;
    expect(typeof last.sharpe).toBe('number');
    const r = s.day_closes.slice(1).map((c, i) => c / s.day_closes[i]! - 1);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(last.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(252), 9);
    expect(rollingSharpe(Array.from({ length: 30 }, () => 100), 252)).toBe('');
  });

  it('resets the daily counters exactly once per day boundary', async () => {
    const { store, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    for (let i = 0; i < 3 * 24 * 4; i++) {
      await t.tick(clock.now());
      clock.advance(15 * MS.minute);
    }
    const s = store.get(smartTraderState)!;
    expect(s.daily_resets).toBe(3);
    expect(s.day).toBe('2025-03-07');
    expect(s.trades_today).toBe(0);
  });

  it('opens nothing while the drawdown guard halts trading, also after a restart', async () => {
    const { store, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    // A scripted equity path down 25 %: the guard halts.
    let g = initialDrawdownState(T0 - 10 * MS.day);
    for (const [d, e] of [[9, 100], [8, 94], [7, 89], [6, 84], [5, 75]] as const) g = drawdownStep(g, { ts: T0 - d * MS.day, equity: e });
    expect(g.trading_state).toBe('HALTED');
    store.write(drawdownGuard, g);
    await (await make()).tick(clock.now());
    clock.advance(MS.hour);
    await (await make()).tick(clock.now()); // a fresh instance: the halt lives in the document
    expect(fillsOf(store)).toHaveLength(0);
  });

  it('trades reduce-only with VAR_HISTORY_UNAVAILABLE when the returns for the VaR check cannot be fetched', async () => {
    const { store, m, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    m.barsFail = true;
    await t.tick(clock.now()); // all buys: none may pass without a VaR forecast
    expect(fillsOf(store)).toHaveLength(0);
    expect(store.get(smartTraderState)!.risk_reasons).toEqual(['VAR_HISTORY_UNAVAILABLE']);

    m.barsFail = false;
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(fillsOf(store)).toHaveLength(3);
    expect(store.get(smartTraderState)!.risk_reasons).toEqual([]);

    // History gone again; SPY drops to the floor weight, QQQ and SLV grow: only the SPY sell reduces risk and passes.
    m.barsFail = true;
    store.write(allocationsOverride, { allocations: { SPY: 0.02, GLD: 0.35, QQQ: 0.35, SLV: 0.28 }, updated_at: new Date(clock.now()).toISOString() });
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    const later = fillsOf(store).slice(3);
    expect(later.map((f) => `${f.side} ${f.symbol}`)).toEqual(['sell SPY']);
    expect(store.get(smartTraderState)!.risk_reasons).toEqual(['VAR_HISTORY_UNAVAILABLE']);
  });

  it('a restart resumes from the ledger without losing or doubling a fill', async () => {
    const { store, clock, make } = await setup({ SPY: 0.35, GLD: 0.35, QQQ: 0.3 });
    const t = await make();
    await t.tick(clock.now());
    const fills = fillsOf(store);
    expect(fills.length).toBe(3);
    // Crash after the fills but before the state was saved: put back the pre-fill state.
    const saved = store.get(smartTraderState)!;
    store.write(smartTraderState, { ...saved, cash_cents: 50_000_000, positions: {}, last_fill_seq: 0 });
    const again = await make();
    await again.tick(clock.now()); // same market time: the same order ids
    expect(fillsOf(store)).toHaveLength(3);
    const resumed = store.get(smartTraderState)!;
    expect(resumed.cash_cents).toBe(saved.cash_cents);
    expect(Object.keys(resumed.positions).sort()).toEqual(['GLD', 'QQQ', 'SPY']);
  });
});

describe('SmartTrader under SIGTERM', () => {
  it('finishes the tick it is in: every fill in the ledger is in the saved book', async () => {
    const home = mkdtempSync(join(tmpdir(), 'neolight-trader-sig-'));
    homes.push(home);
    const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
    const store = openFileStore(home);
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ risk: STILL_FRESH_CONFIG }));
    freshRiskDocs(store, Date.now());
    const child = spawn(process.execPath, [cli, 'agent', 'smart_trader', '--home', home], { env: { ...process.env, NEOLIGHT_TIME_SCALE: '100000', NEOLIGHT_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
    store.write(allocationsOverride, { allocations: { 'BTC-USD': 0.35, 'ETH-USD': 0.35, EURUSD: 0.3 }, updated_at: new Date().toISOString() });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(store.get(smartTraderState)?.last_fill_seq ?? 0)) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    const fills = store.ledger(pnlHistory).readAll();
    const state = store.get(smartTraderState)!;
    expect(fills.length).toBeGreaterThan(0);
    expect(state.last_fill_seq).toBe(fills.at(-1)!.seq);
    // Cash in the book equals starting cash minus what the ledger says was spent.
    const spent = fills.reduce((a, f) => a + Math.round(f.qty * f.price * 100) * (f.side === 'buy' ? 1 : -1) + Math.round(f.fee * 100), 0);
    expect(state.cash_cents).toBe(1_000_000 - spent);
  });
});
