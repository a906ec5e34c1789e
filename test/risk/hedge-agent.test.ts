/**
 * The hedge engine agent in sim: a beta-1.4 book hedged in the hedge book and back inside its limit,
 * a restart that opens nothing twice, the close when the exposure is well inside (hysteresis) with
 * fees and borrow by hand, a HALTED mesh that still hedges, live mode's approval queue, and the
 * simulator's crash scenario where a hedge appears as the exposure crosses its limit.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hedgeBook, hedgeLedger, hedgeProposals } from '../../src/contracts/capital.js';
import { drawdownGuard, riskGovernor } from '../../src/contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../../src/contracts/trading.js';
import { ticketInventory } from '../../src/contracts/ventures.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { simulatedMarket } from '../../src/market/simulator.js';
import { drawdownGuardAgent, failClosedState } from '../../src/risk/drawdown-agent.js';
import { initialDrawdownState } from '../../src/risk/drawdown.js';
import { hedgeEngineAgent } from '../../src/risk/hedge-agent.js';
import { readTotalWealth } from '../../src/risk/sources.js';
import { approvalQueue, decideApproval } from '../../src/store/approval-queue.js';
import type { StateStore } from '../../src/store/file-store.js';
import { freshRiskDocs } from '../helpers/risk-docs.js';
import { agentContext, tempHome } from './agent-context.js';

const T = Date.parse('2026-03-16T15:00:00Z'); // a Monday, 11:00 in New York
const HOUR = 3_600_000;
const DAY = 86_400_000;
const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

/** Quotes at a mid per symbol, ±5 ¢ (BTC ±$12); the SPY market's open flag is settable. */
function fakeMarket(prices: Record<string, number>): MarketData & { equityOpen: boolean; prices: Record<string, number> } {
  const m = {
    simulated: true as const,
    equityOpen: true,
    prices,
    quote: async (symbol: string, ts: number): Promise<Quote> => {
      const mid = prices[symbol];
      if (mid === undefined) throw new Error(`no quote for ${symbol}`);
      const half = symbol === 'BTC-USD' ? 12 : 0.05;
      return { symbol, ts, bid: mid - half, ask: mid + half, last: mid, volume: 1, open: symbol === 'BTC-USD' || m.equityOpen };
    },
    bars: async () => [],
  };
  return m;
}

function fill(store: StateStore, key: string, ts: number, symbol: string, side: 'buy' | 'sell', qty: number, price: number): void {
  store.ledger(pnlHistory).append([{ key, row: { ts: new Date(ts).toISOString(), agent: 'smart_trader', mode: 'sim', symbol, side, qty, price, fee: 0, notional: qty * price, realized_pnl: 0, order_id: key, reason: 'test' } }]);
}

function equity(store: StateStore, ts: number, value: number): void {
  store.ledger(performanceMetrics).append([{ key: `eq-${ts}`, row: { ts: new Date(ts).toISOString(), mode: 'sim', equity: value, cash: 0, exposure: 1, drawdown: 0, sharpe: '', daily_pnl: 0 } }]);
}

/** $10,000 of wealth: 20 QQQ at $500 (β 1.125) and 5 SPY at $550 → beta 1.125 + 0.275 = 1.4. */
function betaOnePointFour(mode: 'sim' | 'live' = 'sim') {
  const home = tempHome();
  homes.push(home);
  const market = fakeMarket({ SPY: 550, QQQ: 500, 'BTC-USD': 80_000 });
  const ctx = agentContext(home, 'hedge_engine', T, { market });
  ctx.config.mode = mode;
  fill(ctx.store, 'f1', T - DAY, 'QQQ', 'buy', 20, 500);
  fill(ctx.store, 'f2', T - DAY, 'SPY', 'buy', 5, 550);
  equity(ctx.store, T - DAY, 10_000);
  freshRiskDocs(ctx.store, T);
  return { ctx, market, store: ctx.store };
}

describe('hedge engine agent (sim: the hedge book)', () => {
  it('hedges a portfolio with beta 1.4 to SPY in the hedge book, bringing it inside the limit', async () => {
    const { ctx, store } = betaOnePointFour();
    const agent = await hedgeEngineAgent.create(ctx);
    await agent.tick(T);
    const doc = store.get(hedgeProposals)!;
    // Proposed: short (1.4 − 0.9) × $10,000 = $5,000 of SPY; executed at once in sim.
    expect(doc.proposals).toHaveLength(1);
    expect(doc.proposals[0]).toMatchObject({ id: 'hedge-SPY-2026-03-16T15', factor: 'SPY', notional: 5_000, status: 'executed' });
    expect(doc.proposals[0]!.beta_before).toBeCloseTo(1.4, 12);
    // Opened: floor(5000 / 549.95) = 9 SPY at the bid, $4,949.55; fee 1 bp = 49.4955 ¢ → 49 ¢.
    const rows = store.ledger(hedgeLedger).readAll();
    expect(rows.map((r) => [r.key, r.event, r.qty, r.price, r.fee_cents, r.realized_cents])).toEqual([['hedge-SPY-2026-03-16T15:open', 'open', 9, 549.95, 49, -49]]);
    // Marked at the mid 550: (549.95 − 550) × 9 = −45 ¢; the book's P&L −94 ¢ counts in total wealth.
    const book = store.get(hedgeBook)!;
    expect(book).toMatchObject({ simulated: true, pnl_cents: -94, unrealized_cents: -45, fee_cents: 49, borrow_cents: 0 });
    expect(readTotalWealth(store, ctx.log, 10_000).wealth).toBeCloseTo(9_999.06, 9);
    expect(doc.total_wealth).toBe(9_999.06);
    // The engine sees its own hedge: (11,250 + 2,750 − 9 × 550) / 9,999.06 inside the limit 1.0.
    const spy = doc.exposures.find((e) => e.factor === 'SPY')!;
    expect(spy.beta).toBeCloseTo(9_050 / 9_999.06, 12);
    expect(spy.unhedged_beta).toBeCloseTo(14_000 / 9_999.06, 12);
    expect(spy.contributions.hedge_book).toBeCloseTo(-4_950 / 9_999.06, 12);
    expect(spy.beta).toBeLessThan(spy.limit);
    // An hour later nothing more is proposed or opened.
    await agent.tick(T + HOUR);
    expect(store.get(hedgeProposals)!.proposals).toEqual([]);
    expect(store.ledger(hedgeLedger).readAll()).toHaveLength(1);
  });

  it('counts held and listed ticket lots at cost with their equity beta 0.2', async () => {
    const { ctx, store } = betaOnePointFour();
    const lot = { event_id: 'e1', offer_id: 'o', qty: 2, primary: false, unit_price: 400, buyer_fees: 100, cost: 900, listing_id: null, ask: null, starts_at: new Date(T + 9 * DAY).toISOString(), bought_at: new Date(T).toISOString() };
    store.write(ticketInventory, { updated_at: new Date(T).toISOString(), simulated: true, lots: [{ ...lot, id: 'a', status: 'held' }, { ...lot, id: 'b', status: 'listed', listing_id: 'l', ask: 500 }, { ...lot, id: 'c', status: 'sold' }] });
    await (await hedgeEngineAgent.create(ctx)).tick(T);
    // Two lots at $900 × 0.2 on $10,000 of wealth before the hedge: 0.036 more, so 1.436 before, a $5,360 short.
    expect(store.get(hedgeProposals)!.proposals[0]).toMatchObject({ notional: 5_360 });
    expect(store.get(hedgeProposals)!.proposals[0]!.beta_before).toBeCloseTo(1.436, 12);
  });

  it('never opens the same hedge twice across a crash and restart', async () => {
    const { ctx, store } = betaOnePointFour();
    await (await hedgeEngineAgent.create(ctx)).tick(T);
    // A crash right after the ledger row, before the documents: they are gone.
    rmSync(store.pathOf(hedgeBook.path));
    rmSync(store.pathOf(hedgeProposals.path));
    // Two restarted engines (a double start) tick in the same market hour, then one an hour later.
    const again = await hedgeEngineAgent.create(agentContext(ctx.config.home, 'hedge_engine', T, ctx.ports));
    const twin = await hedgeEngineAgent.create(agentContext(ctx.config.home, 'hedge_engine', T, ctx.ports));
    await again.tick(T + 60_000);
    await twin.tick(T + 60_000);
    await again.tick(T + HOUR);
    const rows = store.ledger(hedgeLedger).readAll();
    expect(rows.filter((r) => r.event === 'open').map((r) => r.hedge_id)).toEqual(['hedge-SPY-2026-03-16T15']);
    // The rebuilt book holds the one hedge, marked again.
    expect(store.get(hedgeBook)!.open.map((h) => [h.id, h.qty])).toEqual([['hedge-SPY-2026-03-16T15', 9]]);
  });

  it('keeps the hedge while the unhedged beta is above 0.7 × limit, buys it back below; fees and borrow by hand', async () => {
    const { ctx, store } = betaOnePointFour();
    const agent = await hedgeEngineAgent.create(ctx);
    await agent.tick(T);
    // Tuesday: 4 QQQ sold → unhedged (8,000 × 1.125 + 2,750) / W ≈ 1.17: over 0.7, the hedge stays.
    fill(store, 'f3', T + DAY - HOUR, 'QQQ', 'sell', 4, 500);
    freshRiskDocs(store, T + DAY);
    await agent.tick(T + DAY);
    expect(store.get(hedgeBook)!.open).toHaveLength(1);
    // Wednesday: the rest of the QQQ sold → unhedged 2,750 / W ≈ 0.275 ≤ 0.7: bought back at the ask.
    fill(store, 'f4', T + 2 * DAY - HOUR, 'QQQ', 'sell', 16, 500);
    freshRiskDocs(store, T + 2 * DAY);
    await agent.tick(T + 2 * DAY);
    const rows = store.ledger(hedgeLedger).readAll();
    // Borrow per night: 9 × 550 × 0.003 / 365 = 4.07 ¢ → 4 ¢, the nights to 03-17 and 03-18.
    expect(rows.map((r) => [r.event, r.borrow_cents, r.fee_cents, r.realized_cents])).toEqual([
      ['open', 0, 49, -49],
      ['borrow', 4, 0, -4],
      ['borrow', 4, 0, -4],
      // 9 × 550.05 = $4,950.45, fee 49.5045 ¢ → 50 ¢; 494,955 − 495,045 − 50 = −140 ¢.
      ['close', 0, 50, -140],
    ]);
    const book = store.get(hedgeBook)!;
    expect(book.open).toEqual([]);
    // By hand: (549.95 − 550.05) × 9 = −$0.90, fees $0.49 + $0.50, borrow $0.08 → −$1.97.
    expect(book.closed[0]).toMatchObject({ realized_cents: -197, fee_cents: 99, borrow_cents: 8, exit_price: 550.05 });
    expect(book.pnl_cents).toBe(-197);
    expect(store.get(hedgeProposals)!.total_wealth).toBe(9_998.03);
    // The drawdown guard measures the same total wealth: the hedge's loss counts.
    const guard = await drawdownGuardAgent.create(agentContext(ctx.config.home, 'drawdown_guard', T + 2 * DAY));
    await guard.tick(T + 2 * DAY);
    expect(store.get(drawdownGuard)!.equity).toBeCloseTo(9_998.03, 9);
  });

  it('still hedges while the mesh is HALTED (a hedge lowers exposure), and waits for a quote and for the market to open', async () => {
    const { ctx, store, market } = betaOnePointFour();
    store.write(drawdownGuard, failClosedState(initialDrawdownState(T), T, 'test halt'));
    const agent = await hedgeEngineAgent.create(ctx);
    // No SPY quote: the SPY holding counts at its last fill price, and nothing is opened blind.
    delete market.prices.SPY;
    await agent.tick(T - 2 * HOUR);
    expect(store.get(hedgeProposals)!.proposals[0]).toMatchObject({ status: 'no_quote', notional: 5_000 });
    market.prices.SPY = 550;
    market.equityOpen = false;
    await agent.tick(T);
    expect(store.get(hedgeProposals)!.proposals[0]).toMatchObject({ status: 'market_closed' });
    expect(store.exists(hedgeLedger) ? store.ledger(hedgeLedger).readAll() : []).toEqual([]);
    market.equityOpen = true;
    await agent.tick(T + HOUR);
    const p = store.get(hedgeProposals)!.proposals[0]!;
    expect(p).toMatchObject({ status: 'executed', id: 'hedge-SPY-2026-03-16T16' });
    expect(p.reason).toContain('mesh HALTED');
    expect(store.ledger(hedgeLedger).readAll().map((r) => r.event)).toEqual(['open']);
  });
});

describe('hedge engine agent (live: the approval queue)', () => {
  it('queues the hedge once a day, says no live venue can short, and books nothing once approved', async () => {
    const { ctx, store } = betaOnePointFour('live');
    const agent = await hedgeEngineAgent.create(ctx);
    await agent.tick(T);
    await agent.tick(T + HOUR);
    const queued = approvalQueue(store).items.filter((i) => i.kind === 'hedge');
    expect(queued.map((i) => [i.id, i.amount, i.status])).toEqual([['hedge-SPY-2026-03-16', 5_000, 'pending']]);
    expect(queued[0]!.summary).toContain('no live venue that can short');
    expect(store.get(hedgeProposals)!.proposals[0]).toMatchObject({ status: 'queued' });
    decideApproval(store, 'hedge-SPY-2026-03-16', 'approve', 'test', Date.now());
    expect(() => decideApproval(store, 'hedge-SPY-2026-03-16', 'approve', 'test', Date.now())).toThrow(/already approved/);
    await agent.tick(T + 2 * HOUR);
    expect(store.get(hedgeProposals)!.proposals[0]).toMatchObject({ status: 'approved' });
    expect(store.get(hedgeProposals)!.simulated).toBe(false);
    expect(store.exists(hedgeLedger)).toBe(false);
  });
});

describe('hedge engine agent in the simulator’s crash scenario (SIMULATED)', () => {
  it('opens a SPY hedge when the crash pushes the exposure over its limit, and the hedge gains as the market falls', async () => {
    const home = tempHome();
    homes.push(home);
    // Seed 2: a normal regime for the ten days before the crash of 2025-02-03, stressed from it.
    const market = simulatedMarket(2, { scenario: 'crash' });
    const start = Date.parse('2025-01-27T15:00:00Z');
    const ctx = agentContext(home, 'hedge_engine', start, { market });
    const { store } = ctx;
    const mid = (s: string, ts: number) => {
      const q = market.quoteSync(s, ts);
      return (q.bid + q.ask) / 2;
    };
    // 88 % of $100,000 in QQQ: β 1.125 × 0.88 ≈ 0.99 in a normal regime, 1.1875 × 0.88 ≈ 1.045 stressed.
    const p0 = mid('QQQ', start);
    const qty = Math.floor(88_000 / p0);
    const cash = 100_000 - qty * p0;
    fill(store, 'buy', start - HOUR, 'QQQ', 'buy', qty, p0);
    const agent = await hedgeEngineAgent.create(ctx);
    const firstOpen: string[] = [];
    for (let ts = start; ts <= Date.parse('2025-02-21T15:00:00Z'); ts += DAY) {
      if ([0, 6].includes(new Date(ts).getUTCDay())) continue;
      equity(store, ts, cash + qty * mid('QQQ', ts));
      freshRiskDocs(store, ts);
      store.write(riskGovernor, { ...store.get(riskGovernor)!, regime: market.regime(ts) });
      await agent.tick(ts);
      const doc = store.get(hedgeProposals)!;
      if (doc.proposals.some((p) => p.status === 'executed') && firstOpen.length === 0) firstOpen.push(new Date(ts).toISOString().slice(0, 10));
      // Before the crash no hedge; every tick ends with the hedged beta inside its limit.
      if (ts < Date.parse('2025-02-03T00:00:00Z')) expect(doc.proposals).toEqual([]);
      expect(doc.exposures.find((e) => e.factor === 'SPY')!.beta).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(firstOpen).toEqual(['2025-02-03']);
    const book = store.get(hedgeBook)!;
    expect(book.simulated).toBe(true);
    expect(book.open.length).toBeGreaterThan(0);
    // A short through a 40 % fall: the book gains despite its fees and borrow.
    expect(book.pnl_cents).toBeGreaterThan(0);
    expect(book.fee_cents).toBeGreaterThan(0);
    expect(book.borrow_cents).toBeGreaterThan(0);
  });
});
