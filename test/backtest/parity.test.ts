/**
 * Backtest parity.
 * 1. Classic conventions: sma-cross 10/30, signal on a close, fill at the next open, no fees,
 *    all-in whole units — the final equity equals a ten-line reference loop, to the cent; and a
 *    crypto pair at bitcoin's prices, all-in in lots of 0.00001 with 10 bp fees, equals a reference
 *    loop that settles each fill in cents, to the cent (fees and final equity).
 * 2. One code path: the SmartTrader agent, ticked bar by bar on a manual clock over the simulator,
 *    makes exactly the fills the backtest engine makes for the same seed, bars and allocations,
 *    fees > 0 included (each fill's fee and notional to the cent, and the resulting cash).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../src/backtest/engine.js';
import { runBacktest } from '../../src/backtest/run.js';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { allocationsOverride, atlasBrain, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import type { BarStrategy } from '../../src/intelligence/strategy-lab/strategies.js';
import { instrument } from '../../src/market/instruments.js';
import { simulateBars, simulatedMarket, simulatedQuote } from '../../src/market/simulator.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore } from '../../src/store/file-store.js';
import { dailyReturns } from '../../src/risk/returns-history.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { freshRiskDocs } from '../helpers/risk-docs.js';
import { withPaperVenue } from '../../src/mesh/ports.js';
import { traderSchema } from '../../src/config/trader.js';

const csv = resolve(import.meta.dirname, '../fixtures/trading/synthetic-daily.csv');
const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

/** The reference: what any classic backtester computes for this strategy and convention. */
function referenceLoop(open: number[], close: number[], cash: number): number {
  let units = 0;
  let signal = false;
  const sma = (i: number, n: number): number => close.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n;
  for (let i = 0; i < close.length; i++) {
    if (i > 0 && signal && units === 0) {
      units = Math.floor(cash / open[i]!);
      cash -= units * open[i]!;
    } else if (i > 0 && !signal && units > 0) {
      cash += units * open[i]!;
      units = 0;
    }
    if (i >= 29) signal = sma(i, 10) > sma(i, 30);
  }
  return cash + units * close[close.length - 1]!;
}

describe('backtest parity', () => {
  it('matches the classic reference loop to the cent (sma-cross 10/30, next open, no fees, all-in)', async () => {
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const expected = referenceLoop(rows.map((r) => r[1]!), rows.map((r) => r[4]!), 10_000);
    const out = await runBacktest({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, data: csv, symbols: ['ASSET'], from: 0, to: Date.parse('2100-01-01'), seed: 42, scenario: 'none', fill: 'next-open', feesBps: 0, cash: 10_000, size: 'all-in' });
    expect(out.summary.trades).toBeGreaterThan(10);
    expect(Math.round(out.summary.final_equity * 100)).toBe(Math.round(expected * 100));
  });

  it('buys fractions of a bitcoin all-in, fees and cents as an independent loop settles them', async () => {
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    // The fixture at bitcoin's prices, as a freqtrade pair: $10,000 buys no whole coin.
    const px = (x: string): string => (Number(x) * 600).toFixed(2);
    const dir = mkdtempSync(join(tmpdir(), 'neolight-parity-pair-'));
    homes.push(dir);
    mkdirSync(join(dir, 'binance'));
    const file = join(dir, 'binance', 'BTC_USDT-1d.csv');
    writeFileSync(file, `date,open,high,low,close,volume\n${rows.map((r) => [r[0], px(r[1]!), px(r[2]!), px(r[3]!), px(r[4]!), r[5]].join(',')).join('\n')}\n`);
    const open = rows.map((r) => Number(px(r[1]!)));
    const close = rows.map((r) => Number(px(r[4]!)));
    // The reference: whole lots of 0.00001, notional and 10 bp fee each settled in cents, half up.
    const lot = 1e-5;
    const settle = (q: number, price: number): { notional: number; fee: number } => {
      const notional = Math.round(q * price * 100);
      return { notional, fee: Math.round((notional * 10) / 10_000) };
    };
    let cash = 1_000_000;
    let lots = 0;
    let fees = 0;
    let trades = 0;
    let signal = false;
    const sma = (i: number, n: number): number => close.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < close.length; i++) {
      if (i > 0 && signal && lots === 0) {
        let k = Math.floor(cash / (open[i]! * lot * 100 * 1.001)) + 5;
        while (k > 0 && settle(Number((k * lot).toFixed(5)), open[i]!).notional + settle(Number((k * lot).toFixed(5)), open[i]!).fee > cash) k--;
        const s = settle(Number((k * lot).toFixed(5)), open[i]!);
        cash -= s.notional + s.fee;
        fees += s.fee;
        lots = k;
        trades++;
      } else if (i > 0 && !signal && lots > 0) {
        const s = settle(Number((lots * lot).toFixed(5)), open[i]!);
        cash += s.notional - s.fee;
        fees += s.fee;
        lots = 0;
        trades++;
      }
      if (i >= 29) signal = sma(i, 10) > sma(i, 30);
    }
    const expected = cash / 100 + Number((lots * lot).toFixed(5)) * close[close.length - 1]!;
    const out = await runBacktest({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, data: dir, files: [file], symbols: ['BTC/USDT'], seed: 42, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 10_000, size: 'all-in' });
    expect(trades).toBeGreaterThan(10);
    expect(out.summary.trades).toBe(trades);
    expect(Math.round(out.summary.fees * 100)).toBe(fees);
    expect(Math.round(out.summary.final_equity * 100)).toBe(Math.round(expected * 100));
  });

  it('makes the same fills as the SmartTrader agent ticked bar by bar (same seed)', async () => {
    const seed = 7;
    const symbols = ['BTC-USD', 'ETH-USD', 'EURUSD'];
    const allocations = { 'BTC-USD': 0.3, 'ETH-USD': 0.35, EURUSD: 0.35 };
    const from = Date.parse('2025-06-02T00:00:00Z');
    const count = 40;
    const bars = simulateBars(seed, symbols, from, MS.day, count);
    // A strategy that holds the allocations from the first bar, like an allocations document does.
    const weights = new Float64Array(symbols.map((s) => allocations[s as keyof typeof allocations]));
    let first = true;
    const fixed: BarStrategy = { name: 'fixed', weights, onBar: () => (first ? ((first = false), true) : false) };
    const cfg = traderSchema.parse({});
    // The VaR inputs the agent fetches from its market port at each tick, precomputed per bar.
    const market = simulatedMarket(seed);
    const returnsAt: Record<string, number[]>[] = [];
    for (let i = 0; i < count; i++) returnsAt.push((await dailyReturns(market, symbols, bars.ts[i]!))!);
    const engine = runEngine(
      { symbols, ts: bars.ts, open: symbols.map((s) => bars.symbols[s]!.close), close: symbols.map((s) => bars.symbols[s]!.close) },
      {
        strategy: fixed,
        fill: 'close',
        size: 'target',
        cash: 10_000,
        costs: { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k },
        cfg,
        instrument,
        riskScaler: 1,
        quote: (j, i) => simulatedQuote(seed, symbols[j]!, bars.ts[i]!),
        returnsAt: (i) => returnsAt[i],
      },
    );

    const home = mkdtempSync(join(tmpdir(), 'neolight-parity-'));
    homes.push(home);
    const store = openFileStore(home);
    store.write(allocationsOverride, { allocations, updated_at: new Date(from).toISOString() });
    store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(from).toISOString() });
    const clock = manualClock(from);
    const config = loadConfig({ home, seed }, { NEOLIGHT_STARTING_EQUITY: '10000' });
    const agent = await smartTraderAgent.create({ name: 'smart_trader', clock, store, log: silentLogger(), config, ports: withPaperVenue(config, simulatedMarket(seed), clock) });
    for (let i = 0; i < count; i++) {
      clock.set(bars.ts[i]!);
      freshRiskDocs(store, clock.now()); // risk all clear, as the engine assumes without a guard
      await agent.tick(clock.now());
    }
    // Fees > 0 (crypto pays 60 bp, EURUSD 0.2 bp): every fill's fee and notional, to the cent.
    const mesh = store.ledger(pnlHistory).readAll().map((f) => ({ ts: Date.parse(f.ts), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee_cents: Math.round(f.fee * 100), notional_cents: Math.round(f.notional * 100) }));
    const bt = engine.fills.map((f) => ({ ts: f.ts, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee_cents: f.feeCents, notional_cents: f.notionalCents }));
    expect(bt.length).toBeGreaterThan(0);
    expect(bt.filter((f) => f.fee_cents > 0).length).toBeGreaterThan(0);
    expect(mesh).toEqual(bt);
    // The same book: cash and fees paid in cents, and fees independently: notional × bps, half up.
    const state = store.get(smartTraderState)!;
    expect(state.cash_cents).toBe(engine.final.cashCents);
    expect(Math.round(state.fees_paid * 100)).toBe(engine.feesCents);
    for (const f of bt) expect(f.fee_cents).toBe(Math.floor((f.notional_cents * instrument(f.symbol).feeBps) / 10_000 + 0.5));
  });
});
