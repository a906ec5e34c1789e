/**
 * One annualisation rule from the instruments' calendars (issue 11, defect 7): 252 for a book of
 * trading-day instruments (its weekend closes are not periods), 365 for crypto and for a mixed
 * book's calendar-day equity — in the governor as in the backtest.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/run.js';
import { allocationsOverride, performanceMetrics, riskGovernor } from '../../src/contracts/index.js';
import { riskGovernorAgent } from '../../src/risk/governor-agent.js';
import { openFileStore } from '../../src/store/file-store.js';
import { agentContext, tempHome } from './agent-context.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6); // a Monday
const N = 40;

/** Equity every calendar day at 21:00 UTC: ±1 % on weekdays, flat over weekends (as an ETF book's is). */
function equityPath(): { ts: number; equity: number }[] {
  const out: { ts: number; equity: number }[] = [];
  let e = 100_000;
  for (let d = 0, k = 0; d < N; d++) {
    const ts = T0 + d * DAY + 21 * 3_600_000;
    const dow = new Date(ts).getUTCDay();
    if (dow !== 0 && dow !== 6) e *= k++ % 3 ? 1.01 : 0.985;
    out.push({ ts, equity: e });
  }
  return out;
}

/** std(ddof = 1) of the last 20 returns × √periods, computed here from the path, not by the code under test. */
function expectedVol(path: { ts: number; equity: number }[], weekdaysOnly: boolean, periods: number): number {
  const closes = path.filter((p) => !weekdaysOnly || ![0, 6].includes(new Date(p.ts).getUTCDay())).map((p) => p.equity);
  const r = closes.slice(1).map((c, i) => c / closes[i]! - 1).slice(-20);
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / (r.length - 1)) * Math.sqrt(periods);
}

async function governorVol(allocations: Record<string, number>): Promise<number | null | undefined> {
  const home = tempHome();
  const store = openFileStore(home);
  const path = equityPath();
  store.write(allocationsOverride, { allocations, updated_at: new Date(T0).toISOString() });
  store.ledger(performanceMetrics).append(path.map((p, i) => ({ key: `eq-${i}`, row: { ts: new Date(p.ts).toISOString(), mode: 'sim' as const, equity: p.equity, cash: 0, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 } })));
  const agent = await riskGovernorAgent.create(agentContext(home, 'risk_governor', T0));
  await agent.tick(T0 + N * DAY);
  return openFileStore(home).get(riskGovernor)?.realized_volatility;
}

describe('governor annualisation', () => {
  it('a book of trading-day instruments (ETFs, forex): trading-day closes (weekends dropped), √252', async () => {
    expect(await governorVol({ SPY: 0.35, GLD: 0.35, EURUSD: 0.3 })).toBeCloseTo(expectedVol(equityPath(), true, 252), 12);
  });

  it('a book with crypto: calendar-day closes, √365', async () => {
    expect(await governorVol({ 'BTC-USD': 0.35, 'ETH-USD': 0.35, SPY: 0.3 })).toBeCloseTo(expectedVol(equityPath(), false, 365), 12);
  });
});

describe('backtest annualisation uses the same rule', () => {
  const spec = (symbols: string[]) => ({ symbols, strategy: 'buy-hold', params: {}, from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 3, 1), fill: 'close' as const, size: 'target' as const, cash: 10_000, seed: 3, scenario: 'none' as const });
  it('252 for ETFs and forex, 365 as soon as crypto is in the book', async () => {
    expect((await runBacktest(spec(['SPY', 'EURUSD']))).periodsPerYear).toBe(252);
    expect((await runBacktest(spec(['BTC-USD']))).periodsPerYear).toBe(365);
    expect((await runBacktest(spec(['SPY', 'BTC-USD']))).periodsPerYear).toBe(365);
  });
});
