/**
 * The chaos part's verdict on a data directory: each check fires on a deliberately broken tree
 * (torn ledger line, seq gap, book off by a cent, roll-up that matches no prefix of the fills) and
 * is silent on a whole one. Cash is computed by hand here, with fees != 0.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pnlHistory, revenueByAgent, smartTraderState } from '../../src/contracts/index.js';
import { checkHome } from '../../src/drill/home-checks.js';
import { writeDocument } from '../../src/store/documents.js';
import { openLedger } from '../../src/store/ledger.js';

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));

const EQUITY = 10_000;
/** 10,000 - (10 × 100.005 = 1000.05) - 0.50 + (4 × 101.125 = 404.50) - 0.25 = 9403.70 */
const CASH_CENTS = 940_370;

function home(): string {
  const h = mkdtempSync(join(tmpdir(), 'nl-homecheck-'));
  homes.push(h);
  const fill = (i: number, side: 'buy' | 'sell', qty: number, price: number, fee: number, pnl: number) => ({
    key: `k${i}`,
    row: { ts: `2026-01-0${i}T15:00:00.000Z`, agent: 'smart_trader', mode: 'sim' as const, symbol: 'SPY', side, qty, price, fee, notional: qty * price, realized_pnl: pnl, order_id: `o${i}`, reason: 't' },
  });
  openLedger(pnlHistory, join(h, pnlHistory.path)).append([fill(1, 'buy', 10, 100.005, 0.5, 0), fill(2, 'sell', 4, 101.125, 0.25, 4.48)]);
  const now = '2026-01-02T15:00:00.000Z';
  writeDocument(smartTraderState, join(h, smartTraderState.path), {
    updated_at: now, mode: 'sim', simulated: true, cash_cents: CASH_CENTS, positions: { SPY: { qty: 6, avg_price: 100.005, last_price: 101, market_value: 606 } },
    equity: 10_009.7, high_water_mark: 10_009.7, realized_pnl: 4.48, fees_paid: 0.75, last_fill_seq: 2, day: '2026-01-02', day_start_equity: 10_000, daily_pnl: 9.7,
    trades_today: 2, daily_resets: 0, streak: { wins: 1, losses: 0 }, alerts: [], day_closes: [], last_cash_seq: 0, risk_reasons: [],
  });
  writeDocument(revenueByAgent, join(h, revenueByAgent.path), { updated_at: now, currency: 'USD', agents: { smart_trader: { revenue: 4.48, cost: 0.75, profit: 3.73, simulated: true, updated_at: now } }, total_profit: 3.73 });
  return h;
}

describe('checkHome', () => {
  it('is silent on a whole data directory', () => {
    const r = checkHome(home(), EQUITY);
    expect(r.findings).toEqual([]);
    expect(r.fills).toBe(2);
  });

  it('finds a torn last line', () => {
    const h = home();
    appendFileSync(join(h, pnlHistory.path), '3,k3,2026-01-03');
    expect(checkHome(h, EQUITY).findings.map((f) => f.check)).toContain('ledger.torn_line');
  });

  it('finds a seq gap', () => {
    const h = home();
    const f = join(h, pnlHistory.path);
    writeFileSync(f, readFileSync(f, 'utf8').replace('\n2,k2,', '\n3,k2,'));
    expect(checkHome(h, EQUITY).findings.map((x) => x.check)).toContain('ledger.read');
  });

  it('finds cash one cent off the replay of the fills, and a wrong position', () => {
    const h = home();
    const doc = JSON.parse(readFileSync(join(h, smartTraderState.path), 'utf8'));
    writeDocument(smartTraderState, join(h, smartTraderState.path), { ...doc, cash_cents: CASH_CENTS + 1, positions: { SPY: { ...doc.positions.SPY, qty: 7 } } });
    const checks = checkHome(h, EQUITY).findings.map((x) => x.check);
    expect(checks).toContain('book.cash');
    expect(checks).toContain('book.position');
  });

  it('finds a revenue roll-up that matches no prefix of the fills', () => {
    const h = home();
    const doc = JSON.parse(readFileSync(join(h, revenueByAgent.path), 'utf8'));
    doc.agents.smart_trader.cost = 0.5 + 0.25 + 0.25; // a fee counted twice
    writeDocument(revenueByAgent, join(h, revenueByAgent.path), doc);
    expect(checkHome(h, EQUITY).findings.map((x) => x.check)).toContain('revenue.smart_trader');
  });
});
