/**
 * The SmartTrader sizes on its equity capped at the capital governor's budget
 * (state/capital_budgets.json), and an untrusted budget document makes it reduce-only. Crypto
 * (60 bp fee) with no spread and no slippage, so every figure below is worked out by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { allocationsOverride, atlasBrain, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { capitalBudgets } from '../../src/contracts/capital.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore } from '../../src/store/file-store.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { traderBudget } from '../../src/trading/budget-cap.js';
import { gateOrder } from '../../src/trading/execute.js';
import { withPaperVenue } from '../../src/mesh/ports.js';
import { freshRiskDocs, uncappedBudgets } from '../helpers/risk-docs.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const T0 = Date.parse('2025-03-04T15:00:00Z');
const PRICE: Record<string, number> = { 'BTC-USD': 50_000, 'ETH-USD': 2_500, GLD: 200 };

const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts): Promise<Quote> => ({ symbol, ts, bid: PRICE[symbol]!, ask: PRICE[symbol]!, last: PRICE[symbol]!, volume: 0, open: true }),
  bars: async (s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: PRICE[s]!, high: PRICE[s]!, low: PRICE[s]!, close: PRICE[s]! * (1 + 0.001 * Math.sin(i)), volume: 1 })),
};

function budgetDoc(now: number, budget: number, nextRebalance = now + 7 * MS.day) {
  const base = uncappedBudgets(now);
  return { ...base, next_rebalance_at: new Date(nextRebalance).toISOString(), agents: { smart_trader: { ...base.agents.smart_trader, budget } } };
}

async function setup(writeBudget: boolean) {
  const home = mkdtempSync(join(tmpdir(), 'neolight-budget-'));
  homes.push(home);
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ trader: { slippage_bps: 0, slippage_bps_per_100k: 0 } }));
  const store = openFileStore(home);
  const config = loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: '500000' });
  store.write(allocationsOverride, { allocations: { 'BTC-USD': 0.34, 'ETH-USD': 0.33, GLD: 0.33 }, updated_at: new Date(T0).toISOString() });
  store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(T0).toISOString() });
  const clock = manualClock(T0);
  const agent = await smartTraderAgent.create({ name: 'smart_trader', clock, store, log: silentLogger(), config, ports: withPaperVenue(config, market, clock) });
  const tick = (now: number) => (freshRiskDocs(store, now, { budget: writeBudget }), agent.tick(now));
  return { store, clock, tick };
}

describe('SmartTrader capital budget', () => {
  it('sizes on the budget, not the equity, and sells down when the budget shrinks (fees by hand)', async () => {
    const { store, clock, tick } = await setup(false);
    store.write(capitalBudgets, budgetDoc(T0, 100_000));
    await tick(clock.now());
    // Weights × the 0.98 gross cap: BTC 0.3332, ETH 0.3234, GLD 0.3234 of $100,000 (not of $500,000):
    // 0.6664 BTC = $33,320 (fee 60 bp $199.92), 12.936 ETH = $32,340 (fee $194.04), 161 GLD = $32,200 (no fee).
    const buys = store.ledger(pnlHistory).readAll();
    expect(buys.map((f) => [f.symbol, f.side, f.qty, f.fee])).toEqual([
      ['BTC-USD', 'buy', 0.6664, 199.92],
      ['ETH-USD', 'buy', 12.936, 194.04],
      ['GLD', 'buy', 161, 0],
    ]);
    let s = store.get(smartTraderState)!;
    expect(s.cash_cents).toBe(50_000_000 - 3_332_000 - 3_234_000 - 3_220_000 - 19_992 - 19_404); // $401,746.04
    const gross = Object.values(s.positions).reduce((a, p) => a + Math.abs(p.market_value), 0);
    expect(gross).toBeCloseTo(97_860, 6);
    expect(gross).toBeLessThanOrEqual(100_000);

    // The governor halves it to $50,000: half of each target goes. 0.3332 BTC = $16,660 (fee $99.96),
    // 6.468 ETH = $16,170 (fee $97.02); GLD $32,200 → target $16,170: 80 shares (whole lots) = $16,000.
    clock.advance(5 * MS.minute);
    store.write(capitalBudgets, budgetDoc(clock.now(), 50_000));
    await tick(clock.now());
    const sells = store.ledger(pnlHistory).readAll().slice(3);
    // Lots round down (1e-8 BTC/ETH), so 6.468 ETH arrives as 6.46799999: compared to 6 places.
    expect(sells.map((f) => [f.symbol, f.side, Number(f.qty.toFixed(6)), f.fee])).toEqual([
      ['BTC-USD', 'sell', 0.3332, 99.96],
      ['ETH-USD', 'sell', 6.468, 97.02],
      ['GLD', 'sell', 80, 0],
    ]);
    s = store.get(smartTraderState)!;
    expect(s.cash_cents).toBe(40_174_604 + 1_666_000 + 1_617_000 + 1_600_000 - 9_996 - 9_702); // $450,379.06
    expect(s.fees_paid).toBeCloseTo(199.92 + 194.04 + 99.96 + 97.02, 9);
  });

  it('is reduce-only without a budget document, and with one a whole period overdue', async () => {
    const { store, clock, tick } = await setup(false);
    await tick(clock.now());
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(0);
    expect(store.get(smartTraderState)!.risk_reasons).toContain('CAPITAL_BUDGET_MISSING');
    // Due a rebalance 8 days ago with a 7-day period: the governor has missed a whole period.
    store.write(capitalBudgets, budgetDoc(clock.now() - 15 * MS.day, 100_000, clock.now() - 8 * MS.day));
    clock.advance(5 * MS.minute);
    await tick(clock.now());
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(0);
    expect(store.get(smartTraderState)!.risk_reasons).toContain('CAPITAL_BUDGET_STALE');
  });
});

describe('traderBudget and the budget gate (pure)', () => {
  const now = T0;
  it('reads the trusted budget, and fails closed on every kind of untrusted document', () => {
    expect(traderBudget({ status: 'ok', doc: budgetDoc(now, 1234) }, 'smart_trader', now)).toEqual({ budget: 1234 });
    expect(traderBudget({ status: 'missing' }, 'smart_trader', now).code).toBe('CAPITAL_BUDGET_MISSING');
    expect(traderBudget({ status: 'ok', doc: budgetDoc(now, 1234) }, 'luxury_agent', now).code).toBe('CAPITAL_BUDGET_MISSING');
    const invalid = traderBudget({ status: 'invalid', detail: 'bad json', doc: budgetDoc(now, 99) }, 'smart_trader', now);
    expect(invalid).toMatchObject({ code: 'CAPITAL_BUDGET_INVALID', budget: 99 });
    const stale = traderBudget({ status: 'ok', doc: budgetDoc(now, 77, now - 7 * MS.day - 1) }, 'smart_trader', now);
    expect(stale).toMatchObject({ code: 'CAPITAL_BUDGET_STALE', budget: 77 });
  });

  it('skips a buy that would take gross exposure over the budget, and lets a sell through', () => {
    const quotes = { 'BTC-USD': { symbol: 'BTC-USD', ts: now, bid: 50_000, ask: 50_000, last: 50_000, volume: 0, open: true } };
    const book = { cashCents: 100_000_000, positions: { 'BTC-USD': { qty: 1, avgPrice: 50_000 } }, realizedPnlCents: 0, feesPaidCents: 0 };
    const g = { quotes, risk: { tradingState: 'ACTIVE' as const, exposureCap: 1, multiplier: 1, volatilitySpike: false }, cfg: { drift_threshold: 0.02, max_spread_bps: 25, max_order_notional: 1e9, max_gross: 0.98 }, costs: { slippageBps: 0, slippageBpsPer100k: 0 }, budget: 60_000 };
    // $50,000 held + 0.2 BTC ($10,000) = $60,000: at the budget, allowed; 0.21 BTC is $500 over.
    expect(gateOrder({ symbol: 'BTC-USD', side: 'buy', qty: 0.2, drift: 0.1 }, book, g)).toBeUndefined();
    expect(gateOrder({ symbol: 'BTC-USD', side: 'buy', qty: 0.21, drift: 0.1 }, book, g)?.reason).toBe('CAPITAL_BUDGET_EXCEEDED');
    expect(gateOrder({ symbol: 'BTC-USD', side: 'sell', qty: 0.5, drift: -0.1 }, book, { ...g, budget: 0 })).toBeUndefined();
  });
});
