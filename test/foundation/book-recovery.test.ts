/**
 * Money is rebuilt from ledgers, never from configuration: the opening balance is a row of
 * state/cash_movements.csv written once; a corrupt state/smart_trader_state.json is moved aside
 * with its bytes and the book rebuilt from cash movements + fills, the high-water mark and day
 * closes from the equity ledger; a changed NEOLIGHT_STARTING_EQUITY changes nothing but a warning.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { withPaperVenue } from '../../src/mesh/ports.js';
import { freshRiskDocs } from '../helpers/risk-docs.js';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { allocationsOverride, atlasBrain, cashMovements, performanceMetrics, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { openFileStore } from '../../src/store/file-store.js';
import { rebuildTraderState } from '../../src/trading/book-rebuild.js';
import { loadTraderState } from '../../src/trading/book-store.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { tempHome } from './helpers.js';

const T0 = Date.parse('2025-03-04T15:00:00Z'); // a Tuesday, markets open

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

/** ETFs and crypto (60 bp fees) whose prices the test moves; a 2 bp spread and slippage apply. */
function movingMarket() {
  const px: Record<string, number> = { SPY: 500, GLD: 200, 'BTC-USD': 60_000, 'ETH-USD': 3_000 };
  const market: MarketData = {
    simulated: true,
    quote: async (symbol, ts): Promise<Quote> => {
      const p = px[symbol] ?? 100;
      return { symbol, ts, bid: p * 0.9999, ask: p * 1.0001, last: p, volume: 0, open: true };
    },
    bars: async (_s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: 500, high: 501, low: 499, close: 500 * (1 + 0.001 * Math.sin(i)), volume: 1 })),
  };
  return { px, market };
}

/** Cents as the test computes them, independently of the code: half up. */
const cents = (usd: number): number => Math.round(usd * 100 + 1e-9);

async function tradeAcrossDays(home: string, startingEquity: string) {
  const store = openFileStore(home);
  const config = loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: startingEquity });
  const clock = manualClock(T0);
  const { px, market } = movingMarket();
  const { log } = capturingLogger();
  const trader = await smartTraderAgent.create({ name: 'smart_trader', clock, store, log, config, ports: withPaperVenue(config, market, clock) });
  const targets = [
    { SPY: 0.35, GLD: 0.35, 'BTC-USD': 0.28, 'ETH-USD': 0.02 },
    { SPY: 0.02, GLD: 0.35, 'BTC-USD': 0.28, 'ETH-USD': 0.35 },
    { SPY: 0.35, GLD: 0.02, 'BTC-USD': 0.35, 'ETH-USD': 0.28 },
  ];
  for (let day = 0; day < 3; day++) {
    store.write(allocationsOverride, { allocations: targets[day]!, updated_at: new Date(clock.now()).toISOString() });
    store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(clock.now()).toISOString() });
    for (let tick = 0; tick < 3; tick++) {
      freshRiskDocs(store, clock.now()); // risk all clear: risk fails closed without fresh documents
      await trader.tick(clock.now());
      px.SPY = px.SPY! * (tick === 1 ? 1.03 : 0.985);
      px.GLD = px.GLD! * (day === 1 ? 0.97 : 1.01);
      clock.advance(10 * MS.minute);
    }
    clock.advance(MS.day - 30 * MS.minute);
  }
  return store;
}

describe('the book after a corrupt state document', () => {
  it('is rebuilt from the ledgers to the cent, whatever NEOLIGHT_STARTING_EQUITY says now', async () => {
    const home = tempHome();
    const before = await tradeAcrossDays(home, '100000');
    const saved = before.get(smartTraderState)!;
    const fills = before.ledger(pnlHistory).readAll();
    expect(fills.length).toBeGreaterThan(4);
    expect(fills.filter((f) => f.fee > 0).length).toBeGreaterThan(2);
    // Independent of the code: opening balance minus what each fill paid or received, fees included.
    const expectedCash = 100_000_00 + fills.reduce((a, f) => a + (f.side === 'buy' ? -1 : 1) * cents(f.qty * f.price) - cents(f.fee), 0);
    expect(saved.cash_cents).toBe(expectedCash);
    const equityRows = before.ledger(performanceMetrics).readAll();
    expect(saved.high_water_mark).toBe(Math.max(100_000, ...equityRows.map((r) => r.equity)));
    expect(saved.daily_resets).toBe(2);

    const file = join(home, smartTraderState.path);
    const corrupt = '{"updated_at": "2025-03-0'; // torn by hand
    writeFileSync(file, corrupt);

    const { log, warnings } = capturingLogger();
    const after = openFileStore(home);
    const loaded = loadTraderState(after, 'smart_trader', T0 + 5 * MS.day, 110_000, 'sim', log);
    expect(loaded.state.cash_cents).toBe(expectedCash);
    expect(loaded.book.cashCents).toBe(expectedCash);
    expect(loaded.state.high_water_mark).toBe(saved.high_water_mark);
    expect(loaded.state.realized_pnl).toBeCloseTo(saved.realized_pnl, 9);
    expect(loaded.state.fees_paid).toBeCloseTo(saved.fees_paid, 9);
    expect(loaded.state.last_fill_seq).toBe(saved.last_fill_seq);
    expect(Object.keys(loaded.state.positions).sort()).toEqual(Object.keys(saved.positions).sort());
    for (const [s, p] of Object.entries(saved.positions)) expect(loaded.state.positions[s]!.qty).toBeCloseTo(p.qty, 9);
    expect(loaded.state.day).toBe(saved.day);
    expect(loaded.state.daily_resets).toBe(saved.daily_resets);
    expect(loaded.state.day_closes).toHaveLength(saved.day_closes.length);

    // The corrupt bytes are kept beside the original name, never overwritten.
    const aside = readdirSync(join(home, 'state')).filter((n) => n.startsWith('smart_trader_state.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^smart_trader_state\.json\.corrupt-\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z$/);
    expect(readFileSync(join(home, 'state', aside[0]!), 'utf8')).toBe(corrupt);
    expect(existsSync(file)).toBe(false);

    const said = warnings().join('\n');
    expect(said).toContain('BOOK REBUILT FROM LEDGERS');
    expect(said).toContain('there is no good version to keep');
    expect(said).not.toMatch(/kept at last good version/);
    expect(said).toContain('NEOLIGHT_STARTING_EQUITY is $110000.00 but this data directory opened with $100000.00');
    // Still exactly one opening row.
    expect(after.ledger(cashMovements).readAll().map((r) => [r.kind, r.amount_cents])).toEqual([['opening', 100_000_00]]);
  });

  it('a missing document rebuilds the same way; a first start opens with the setting once', () => {
    const home = tempHome();
    const store = openFileStore(home);
    const first = loadTraderState(store, 'smart_trader', T0, 2_500.5, 'sim');
    expect(first.state.cash_cents).toBe(2_500_50);
    expect(first.state.high_water_mark).toBe(2_500.5);
    // A fill and a deposit later, the document is lost: the ledgers alone give the book.
    store.ledger(pnlHistory).append([
      { key: 'f1', row: { ts: new Date(T0).toISOString(), agent: 'smart_trader', mode: 'sim', symbol: 'SPY', side: 'buy', qty: 3, price: 100.005, fee: 0.33, notional: 300.015, realized_pnl: 0, order_id: 'f1', reason: 'test' } },
    ]);
    store.ledger(cashMovements).append([{ key: 'dep-1', row: { ts: new Date(T0).toISOString(), kind: 'deposit', amount_cents: 1_000_00 } }]);
    store.ledger(cashMovements).append([{ key: 'wd-1', row: { ts: new Date(T0).toISOString(), kind: 'withdrawal', amount_cents: 250_25 } }]);
    const again = loadTraderState(openFileStore(home), 'smart_trader', T0 + MS.day, 9_999, 'sim');
    // 2500.50 + 1000 - 250.25 - round(300.015 → 300.02) - 0.33
    expect(again.state.cash_cents).toBe(2_500_50 + 1_000_00 - 250_25 - 300_02 - 33);
    expect(again.state.positions.SPY?.qty).toBe(3);
  });

  it('applies deposits recorded after the saved document, once', () => {
    const home = tempHome();
    const store = openFileStore(home);
    const first = loadTraderState(store, 'smart_trader', T0, 1_000, 'sim');
    store.write(smartTraderState, first.state);
    store.ledger(cashMovements).append([{ key: 'dep-1', row: { ts: new Date(T0).toISOString(), kind: 'deposit', amount_cents: 500_00 } }]);
    const second = loadTraderState(openFileStore(home), 'smart_trader', T0, 1_000, 'sim');
    expect(second.state.cash_cents).toBe(1_500_00);
    store.write(smartTraderState, second.state);
    expect(loadTraderState(openFileStore(home), 'smart_trader', T0, 1_000, 'sim').state.cash_cents).toBe(1_500_00);
  });

  it('a data directory from before the cash ledger opens with what its book implies', () => {
    const home = tempHome();
    const store = openFileStore(home);
    store.ledger(pnlHistory).append([
      { key: 'f1', row: { ts: new Date(T0).toISOString(), agent: 'smart_trader', mode: 'sim', symbol: 'SPY', side: 'buy', qty: 2, price: 50, fee: 0.1, notional: 100, realized_pnl: 0, order_id: 'f1', reason: 'test' } },
    ]);
    const old = loadTraderState(store, 'smart_trader', T0, 700, 'sim').state;
    // As an old version wrote it: opened with $700, no cash ledger, no last_cash_seq.
    const { last_cash_seq: _omit, ...legacy } = { ...old, cash_cents: 700_00 - 100_00 - 10, last_fill_seq: 1 };
    writeFileSync(join(home, smartTraderState.path), JSON.stringify(legacy));
    writeFileSync(join(home, cashMovements.path), '');
    const migrated = loadTraderState(openFileStore(home), 'smart_trader', T0, 5_000, 'sim');
    expect(migrated.state.cash_cents).toBe(700_00 - 100_00 - 10);
    // Saved by the new version and loaded again: the opening row is not applied a second time.
    openFileStore(home).write(smartTraderState, migrated.state);
    expect(loadTraderState(openFileStore(home), 'smart_trader', T0, 5_000, 'sim').state.cash_cents).toBe(700_00 - 100_00 - 10);
    expect(openFileStore(home).ledger(cashMovements).readAll().map((r) => r.amount_cents)).toEqual([700_00]);
  });
});

describe('rebuildTraderState (pure)', () => {
  it('takes the high-water mark, day closes and day-start equity from the equity ledger', () => {
    const row = (ts: string, equity: number) => ({ ts, equity });
    const { state } = rebuildTraderState(
      {
        cash: [{ seq: 1, kind: 'opening', amount_cents: 1_000_00 }, { seq: 2, kind: 'deposit', amount_cents: 50_00 }],
        fills: [],
        lastFillSeq: 0,
        equity: [row('2025-03-03T15:00:00Z', 1_010), row('2025-03-03T20:00:00Z', 1_030), row('2025-03-04T15:00:00Z', 1_070), row('2025-03-05T15:00:00Z', 1_020), row('2025-03-05T16:00:00Z', 1_040)],
      },
      Date.parse('2025-03-09T00:00:00Z'),
      'sim',
    );
    expect(state.cash_cents).toBe(1_050_00);
    expect(state.high_water_mark).toBe(1_070);
    expect(state.day).toBe('2025-03-05');
    expect(state.day_closes).toEqual([1_030, 1_070]);
    expect(state.daily_resets).toBe(2);
    expect(state.day_start_equity).toBe(1_070);
    expect(state.equity).toBe(1_040);
    expect(state.daily_pnl).toBe(-30);
    expect(state.last_cash_seq).toBe(2);
  });
});
